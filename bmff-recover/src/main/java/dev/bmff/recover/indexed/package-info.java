/**
 * Repairs without a reference, of a broken file that still has an index to start from: a standard file whose
 * media data was cut, a fragmented or hybrid file cut anywhere (a torn last fragment keeps the samples its whole
 * moof describes and the file holds), a hybrid finalize interrupted at any step. Internal to bmff-recover (not
 * exported): reached through {@code Recovery.repair(broken, out)}.
 */
package dev.bmff.recover.indexed;

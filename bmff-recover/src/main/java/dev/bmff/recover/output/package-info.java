/**
 * Writing a repaired file: ftyp, an mdat whose media bytes the channel copies from the broken file (never through
 * the heap), and a moov, put in place through the core's {@code AtomicOutput}. Internal to bmff-recover (not
 * exported), shared by the repairs with and without a reference.
 */
package dev.bmff.recover.output;

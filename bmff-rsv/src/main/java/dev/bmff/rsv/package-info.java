/**
 * Repair of Sony {@code .RSV} files: {@link dev.bmff.rsv.RsvRecovery} is the entry point; {@link dev.bmff.rsv.RsvLayout}
 * says what the reference teaches about the file.
 */
package dev.bmff.rsv;

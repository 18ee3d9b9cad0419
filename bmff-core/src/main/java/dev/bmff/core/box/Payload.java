package dev.bmff.core.box;

/**
 * The content of a box that the model does not interpret: either bytes held in memory
 * ({@link Bytes}) or a range of the source file ({@link FileRange}) that is never loaded.
 */
public sealed interface Payload permits Bytes, FileRange {
    /** Length in bytes. */
    long length();
}

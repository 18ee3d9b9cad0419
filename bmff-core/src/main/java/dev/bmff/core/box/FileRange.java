package dev.bmff.core.box;

/**
 * A range of the source file, used for media data and other large payloads that stay on disk.
 *
 * @param offset absolute offset of the first byte in the source file
 * @param length number of bytes
 */
public record FileRange(long offset, long length) implements Payload {
    public FileRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative file range: offset " + offset + ", length " + length);
        }
        Math.addExact(offset, length);
    }

    /** Offset one past the last byte. */
    public long end() {
        return offset + length;
    }
}

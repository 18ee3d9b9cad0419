package dev.bmff.recover;

/**
 * Bytes of the broken media data that no track's sample explains, and why they were left out.
 *
 * @param offset where the range starts in the broken file
 * @param length how many bytes
 * @param reason e.g. "unrecognized data" or "incomplete sample at the end of the data"
 */
public record SkippedRange(long offset, long length, String reason) {
    public long end() {
        return offset + length;
    }
}

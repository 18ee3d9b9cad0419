package dev.bmff.recover;

/**
 * Bytes of the broken media data that no track's sample explains, and why they were left out.
 *
 * @param offset where the range starts in the broken file
 * @param length how many bytes
 * @param reason e.g. "unrecognized data" or "incomplete sample at the end of the data"
 * @param cause what the bytes are, as far as the repair could tell
 */
public record SkippedRange(long offset, long length, String reason, Cause cause) {
    /** What skipped bytes are. */
    public enum Cause {
        /** No track's sample starts there (damage, another program's data, a sample no model describes). */
        UNRECOGNIZED,
        /** A sample that starts here is cut by the end of the data (the recording stopped inside it). */
        CUT_SAMPLE,
        /** Only zero bytes: space preallocated and never written, padding between chunks, zeroed sectors. */
        ZERO_FILL,
        /** The repair stopped looking: no sample within the skip limit. */
        GAVE_UP
    }

    public SkippedRange {
        if (cause == null) {
            throw new IllegalArgumentException("a skipped range has a cause");
        }
    }

    /** A range of unrecognized bytes. */
    public SkippedRange(long offset, long length, String reason) {
        this(offset, length, reason, Cause.UNRECOGNIZED);
    }

    public long end() {
        return offset + length;
    }
}

package dev.bmff.core;

import java.io.IOException;

/**
 * A file that is not a valid ISO BMFF file, or uses something this library does not support.
 * It always names the byte offset and the box path where reading stopped, e.g.
 * {@code moov/trak[1]/mdia/minf/stbl/stsz at offset 1234: entry count 4000000 needs 16000000 bytes, box has 24}.
 */
public class BmffFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the file could not be read. */
    public enum Kind {
        /** The bytes contradict the format (sizes, counts, nesting). */
        MALFORMED,
        /** Valid perhaps, but outside what this library reads (an unknown version, say). */
        UNSUPPORTED,
        /** A configured {@link dev.bmff.core.io.ReadOptions limit} was reached. */
        LIMIT_EXCEEDED
    }

    private final transient Kind kind;
    private final long offset;
    private final String boxPath;
    private final String detail;

    public BmffFormatException(Kind kind, long offset, String boxPath, String detail) {
        super((boxPath == null || boxPath.isEmpty() ? "file" : boxPath) + " at offset " + offset + ": " + detail);
        this.kind = kind;
        this.offset = offset;
        this.boxPath = boxPath == null ? "" : boxPath;
        this.detail = detail;
    }

    /** A {@link Kind#MALFORMED} failure. */
    public static BmffFormatException malformed(long offset, String boxPath, String detail) {
        return new BmffFormatException(Kind.MALFORMED, offset, boxPath, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** Absolute byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }

    /** Path of the box being read, like {@code moov/trak[0]/mdia/minf/stbl/stsz}; empty at top level. */
    public String boxPath() {
        return boxPath;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}

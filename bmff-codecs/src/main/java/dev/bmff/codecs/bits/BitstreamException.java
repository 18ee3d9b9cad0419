package dev.bmff.codecs.bits;

import java.io.IOException;
import java.util.Objects;

/**
 * A codec bitstream that cannot be parsed. It says what went wrong ({@link #kind()}), where
 * ({@link #bitOffset()}), and in its message which syntax element.
 *
 * <p>The offset counts bits from the first bit of the data the parser was given: the first bit of the NAL
 * unit (its header included, and counting the emulation prevention bytes in it) for H.264 and HEVC NAL unit
 * syntax; the {@code offset} argument for {@link dev.bmff.codecs.aac.RawDataBlockParser} and the other
 * parsers that take one; the first byte of the record for {@code avcC}, {@code hvcC}, {@code esds} and
 * AudioSpecificConfig. It is the position of the syntax element at fault (for {@link Kind#TRUNCATED}: of the
 * read that ran past the end), and {@code -1} only when the problem has no position in those bytes (a
 * configuration object without an SPS, a parser asked for an object type it does not read).
 *
 * <pre>{@code
 * try {
 *     Sps sps = Sps.parse(nal);
 * } catch (BitstreamException e) {
 *     if (e.kind() == BitstreamException.Kind.TRUNCATED) {
 *         // cut at e.byteOffset(): wait for more data
 *     }
 * }
 * }</pre>
 */
public class BitstreamException extends IOException {
    private static final long serialVersionUID = 2L;

    /** What is wrong with the bitstream. */
    public enum Kind {
        /** The data ends inside a syntax element, or before the end a length field declares. */
        TRUNCATED,
        /**
         * A syntax element's value lies outside the range the specification allows (or, for an index, names an
         * entry that does not exist).
         */
        OUT_OF_RANGE,
        /** A value the specification reserves or forbids: a reserved code, a reserved or forbidden bit set. */
        RESERVED,
        /**
         * Values that break a rule of the format beyond one element's range: elements that contradict each
         * other or their configuration, an invalid code word, wrong trailing bits.
         */
        INVALID,
        /** A parameter set (SPS, PPS) or other part the data refers to or needs is absent. */
        MISSING,
        /** Not the structure asked for: a NAL unit of another type, no sync word, another descriptor tag. */
        WRONG_TYPE,
        /** Valid, but not read by this library: another AAC object type, 960-sample frames, MVC slices. */
        UNSUPPORTED,
        /**
         * Longer than a limit: the specification's (6144 bits per AAC channel), the caller's (an access unit
         * or NAL unit size), or that of a length field (a NAL unit too long for it).
         */
        TOO_LARGE,
    }

    private final Kind kind;
    private final long bitOffset;
    /** The message without the offset. */
    private final String detail;

    /**
     * A problem of {@code kind} at bit {@code bitOffset} (-1: no position); {@code message} names the syntax
     * element (the offset is appended to it).
     */
    public BitstreamException(Kind kind, long bitOffset, String message) {
        super(message + (bitOffset >= 0 ? " (at bit " + bitOffset + ")" : ""));
        if (bitOffset < -1) {
            throw new IllegalArgumentException("bit offset " + bitOffset);
        }
        this.kind = Objects.requireNonNull(kind);
        this.bitOffset = bitOffset;
        this.detail = message;
    }

    /** {@link #BitstreamException(Kind, long, String)} with a cause. */
    public BitstreamException(Kind kind, long bitOffset, String message, Throwable cause) {
        this(kind, bitOffset, message);
        initCause(cause);
    }

    /**
     * An {@link Kind#INVALID} problem at no known position.
     *
     * @deprecated say what went wrong and where: {@link #BitstreamException(Kind, long, String)}
     */
    @Deprecated
    public BitstreamException(String message) {
        this(Kind.INVALID, -1, message);
    }

    /** A problem of {@code kind} at byte {@code byteOffset} ({@code 8 * byteOffset} bits) of byte-aligned data. */
    public static BitstreamException atByte(Kind kind, long byteOffset, String message) {
        if (byteOffset < 0) {
            throw new IllegalArgumentException("byte offset " + byteOffset);
        }
        return new BitstreamException(kind, byteOffset * 8, message);
    }

    /**
     * The same problem with its offset moved {@code bits} further on, and this exception as its cause: for a
     * parser of a part of larger data (a NAL unit of a stream) to count from the start of the whole.
     * An exception without an offset stays without one.
     */
    public BitstreamException shifted(long bits) {
        if (bits < 0) {
            throw new IllegalArgumentException("shift " + bits);
        }
        return new BitstreamException(kind, bitOffset < 0 ? -1 : bitOffset + bits, detail, this);
    }

    /** What is wrong. */
    public Kind kind() {
        return kind;
    }

    /** The bit where it is, counted as the class comment says; -1 when it has no position. */
    public long bitOffset() {
        return bitOffset;
    }

    /** The byte that holds {@link #bitOffset()}; -1 when it has no position. */
    public long byteOffset() {
        return bitOffset < 0 ? -1 : bitOffset >>> 3;
    }
}

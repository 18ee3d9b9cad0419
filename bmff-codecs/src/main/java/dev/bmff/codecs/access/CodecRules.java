package dev.bmff.codecs.access;

import dev.bmff.codecs.bits.BitstreamException;

/** The codec-specific half of access-unit assembly: NAL unit classification and parameter-set memory. */
interface CodecRules {
    /**
     * Classifies {@code nal} and remembers it if it is a parameter set.
     *
     * @param tolerant true before the first keyframe: a slice whose parameter sets were never seen (the
     *     stream was joined mid-GOP) is still classified from the bits that need none
     */
    ClassifiedNal classify(byte[] nal, boolean tolerant) throws BitstreamException;

    /**
     * How many of the first bytes of a NAL unit {@link #classify} reads: the whole unit, except for a slice,
     * whose header is all it parses ({@link #SLICE_PREFIX} bytes at most, more than either slice-header
     * parser looks at). Lets a caller classify a large slice from a bounded copy of its start.
     */
    int bytesToClassify(byte[] data, int offset, int length);

    /**
     * The bytes of a slice that classification may read: above the 4096 bytes the H.264 slice-header
     * parser unescapes after the NAL header, and the 1024 of the HEVC one.
     */
    int SLICE_PREFIX = 8192;

    /** True when the stream so far has every parameter set a configuration record needs. */
    boolean hasConfiguration();

    /** The configuration record from the parameter sets seen so far; only when {@link #hasConfiguration()}. */
    Object configuration() throws BitstreamException;

    /** True when {@code nal} (a parameter set) is byte for byte in {@code configuration}. */
    boolean isIn(Object configuration, byte[] nal);
}

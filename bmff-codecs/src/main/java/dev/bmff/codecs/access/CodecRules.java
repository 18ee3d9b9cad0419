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

    /** True when the stream so far has every parameter set a configuration record needs. */
    boolean hasConfiguration();

    /** The configuration record from the parameter sets seen so far; only when {@link #hasConfiguration()}. */
    Object configuration() throws BitstreamException;

    /** True when {@code nal} (a parameter set) is byte for byte in {@code configuration}. */
    boolean isIn(Object configuration, byte[] nal);
}

package dev.bmff.codecs.aac;

import java.util.Set;

/**
 * What {@link RawDataBlockParser} found in one AAC raw_data_block.
 *
 * @param length the length of the raw_data_block in bytes, byte alignment after the END element included:
 *     in MP4, the sample size
 * @param bits the bits up to and including the END element (before the byte alignment)
 * @param spectralCodebooks bit {@code n} set when spectral codebook {@code n} (1..11) coded a section
 * @param tools the coding tools and elements seen
 */
public record RawDataBlock(int length, long bits, int spectralCodebooks, Set<Tool> tools) {

    public RawDataBlock {
        tools = Set.copyOf(tools);
    }

    /** Coding tools and syntax elements a raw_data_block may use. */
    public enum Tool {
        /** An EIGHT_SHORT_SEQUENCE window. */
        SHORT_WINDOWS,
        /** A window group of more than one short window. */
        WINDOW_GROUPING,
        /** Temporal noise shaping (tns_data). */
        TNS,
        /** pulse_data. */
        PULSE,
        /** Perceptual noise substitution (NOISE_HCB sections). */
        PNS,
        /** Intensity stereo (INTENSITY_HCB / INTENSITY_HCB2 sections). */
        INTENSITY,
        /** A channel pair with common_window and an M/S mask (ms_mask_present 1 or 2). */
        MS,
        /** An escape sequence in spectral codebook 11. */
        ESCAPE_SEQUENCE,
        /** A coupling_channel_element. */
        CCE,
        /** A data_stream_element. */
        DSE,
        /** A program_config_element. */
        PCE,
        /** A fill_element. */
        FIL,
        /** An SBR extension payload in a fill element. */
        SBR,
        /** A dynamic range control extension payload in a fill element. */
        DRC
    }
}

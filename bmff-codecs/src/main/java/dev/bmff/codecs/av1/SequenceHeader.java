package dev.bmff.codecs.av1;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The fields of an AV1 sequence header OBU (AV1 5.5) that describe the stream and that a frame header needs:
 * profile, level and tier of operating point 0, bit depth, monochrome and chroma subsampling, colour, the largest
 * frame size, and the flags that change how a frame header starts.
 *
 * <pre>{@code
 * SequenceHeader sh = SequenceHeader.parse(obuPayload);
 * System.out.println(sh.maxFrameWidth() + "x" + sh.maxFrameHeight() + " " + sh.bitDepth() + "-bit " + sh.chroma());
 * }</pre>
 *
 * @param profile seq_profile (0 Main, 1 High, 2 Professional)
 * @param stillPicture still_picture
 * @param reducedStillPictureHeader reduced_still_picture_header
 * @param level seq_level_idx[0] (level 2.0 is 0; 31 means no level)
 * @param tier seq_tier[0]
 * @param decoderModelInfoPresent decoder_model_info_present_flag
 * @param equalPictureInterval equal_picture_interval (false without timing info)
 * @param framePresentationTimeLength frame_presentation_time_length_minus_1 + 1 (0 without a decoder model)
 * @param maxFrameWidth max_frame_width_minus_1 + 1
 * @param maxFrameHeight max_frame_height_minus_1 + 1
 * @param frameIdNumbersPresent frame_id_numbers_present_flag
 * @param frameIdLength additional_frame_id_length_minus_1 + delta_frame_id_length_minus_2 + 3 (0 without ids)
 * @param bitDepth 8, 10 or 12
 * @param monochrome mono_chrome
 * @param subsamplingX subsampling_x
 * @param subsamplingY subsampling_y
 * @param chromaSamplePosition chroma_sample_position (0 when not coded)
 * @param colourPrimaries color_primaries (2, unspecified, when not coded)
 * @param transferCharacteristics transfer_characteristics
 * @param matrixCoefficients matrix_coefficients
 * @param fullRange color_range
 * @param filmGrainParamsPresent film_grain_params_present
 * @param forceScreenContentTools seq_force_screen_content_tools (2: chosen per frame)
 * @param forceIntegerMv seq_force_integer_mv (2: chosen per frame)
 * @param orderHintBits OrderHintBits (0 without enable_order_hint)
 */
public record SequenceHeader(int profile, boolean stillPicture, boolean reducedStillPictureHeader, int level, int tier,
        boolean decoderModelInfoPresent, boolean equalPictureInterval, int framePresentationTimeLength,
        int maxFrameWidth, int maxFrameHeight, boolean frameIdNumbersPresent, int frameIdLength, int bitDepth,
        boolean monochrome, boolean subsamplingX, boolean subsamplingY, int chromaSamplePosition, int colourPrimaries,
        int transferCharacteristics, int matrixCoefficients, boolean fullRange, boolean filmGrainParamsPresent,
        int forceScreenContentTools, int forceIntegerMv, int orderHintBits) {

    /** "4:0:0", "4:2:0", "4:2:2" or "4:4:4". */
    public String chroma() {
        if (monochrome) {
            return "4:0:0";
        }
        if (subsamplingX) {
            return subsamplingY ? "4:2:0" : "4:2:2";
        }
        return "4:4:4";
    }

    /** "Main", "High", "Professional". */
    public String profileName() {
        return switch (profile) {
            case 0 -> "Main";
            case 1 -> "High";
            case 2 -> "Professional";
            default -> "profile " + profile;
        };
    }

    /** The level as people write it: "2.0" for seq_level_idx 0, "5.1" for 13 (Annex A.3). */
    public static String levelName(int seqLevelIdx) {
        return seqLevelIdx == 31 ? "max" : (2 + (seqLevelIdx >> 2)) + "." + (seqLevelIdx & 3);
    }

    /** Parses the sequence header OBU at the start of {@code obu} (header included). */
    public static SequenceHeader fromObu(byte[] obu) throws BitstreamException {
        ObuHeader h = ObuHeader.parse(obu, 0, obu.length);
        if (h.type() != ObuHeader.SEQUENCE_HEADER) {
            throw new BitstreamException(Kind.WRONG_TYPE, 1, "OBU of type " + h.type() + ", not a sequence header");
        }
        if (h.totalLength() > obu.length) {
            throw BitstreamException.atByte(Kind.TRUNCATED, obu.length, "sequence header OBU: cut");
        }
        try {
            return parse(obu, h.headerLength(), (int) h.payloadSize());
        } catch (BitstreamException e) {
            throw e.shifted(8L * h.headerLength());
        }
    }

    /** Parses a sequence header OBU's payload (what follows the OBU header and size). */
    public static SequenceHeader parse(byte[] payload) throws BitstreamException {
        return parse(payload, 0, payload.length);
    }

    /** Parses the payload in {@code data[offset, offset + length)}; error offsets count from {@code offset}. */
    public static SequenceHeader parse(byte[] data, int offset, int length) throws BitstreamException {
        BitReader r = new BitReader(data, offset, length);
        long at = r.position();
        int profile = r.u(3, "seq_profile");
        if (profile > 2) {
            throw r.error(Kind.RESERVED, at, "seq_profile " + profile + " is reserved");
        }
        boolean still = r.flag("still_picture");
        boolean reduced = r.flag("reduced_still_picture_header");
        if (reduced && !still) {
            throw r.error(Kind.INVALID, at + 4, "reduced_still_picture_header without still_picture");
        }
        int level;
        int tier = 0;
        boolean decoderModel = false;
        boolean equalInterval = false;
        int presentationLength = 0;
        if (reduced) {
            level = r.u(5, "seq_level_idx[0]");
        } else {
            int bufferDelayLength = 0;
            if (r.flag("timing_info_present_flag")) {
                r.skip(64, "num_units_in_display_tick, time_scale");
                equalInterval = r.flag("equal_picture_interval");
                if (equalInterval) {
                    uvlc(r, "num_ticks_per_picture_minus_1");
                }
                decoderModel = r.flag("decoder_model_info_present_flag");
                if (decoderModel) {
                    bufferDelayLength = r.u(5, "buffer_delay_length_minus_1") + 1;
                    r.skip(32, "num_units_in_decoding_tick");
                    r.skip(5, "buffer_removal_time_length_minus_1");
                    presentationLength = r.u(5, "frame_presentation_time_length_minus_1") + 1;
                }
            }
            boolean initialDisplayDelay = r.flag("initial_display_delay_present_flag");
            int points = r.u(5, "operating_points_cnt_minus_1") + 1;
            level = 0;
            for (int i = 0; i < points; i++) {
                r.skip(12, "operating_point_idc");
                int l = r.u(5, "seq_level_idx");
                int t = l > 7 ? r.u(1, "seq_tier") : 0;
                if (i == 0) {
                    level = l;
                    tier = t;
                }
                if (decoderModel && r.flag("decoder_model_present_for_this_op")) {
                    r.skip(2L * bufferDelayLength + 1, "operating_parameters_info");
                }
                if (initialDisplayDelay && r.flag("initial_display_delay_present_for_this_op")) {
                    r.skip(4, "initial_display_delay_minus_1");
                }
            }
        }
        int widthBits = r.u(4, "frame_width_bits_minus_1") + 1;
        int heightBits = r.u(4, "frame_height_bits_minus_1") + 1;
        int maxWidth = r.u(widthBits, "max_frame_width_minus_1") + 1;
        int maxHeight = r.u(heightBits, "max_frame_height_minus_1") + 1;
        boolean frameIds = !reduced && r.flag("frame_id_numbers_present_flag");
        int idLength = 0;
        if (frameIds) {
            int delta = r.u(4, "delta_frame_id_length_minus_2") + 2;
            idLength = r.u(3, "additional_frame_id_length_minus_1") + 1 + delta;
        }
        r.skip(3, "use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter");
        int forceScreenContent = 2;
        int forceIntegerMv = 2;
        int orderHintBits = 0;
        if (!reduced) {
            r.skip(4, "enable_interintra_compound, enable_masked_compound, enable_warped_motion, enable_dual_filter");
            boolean orderHint = r.flag("enable_order_hint");
            if (orderHint) {
                r.skip(2, "enable_jnt_comp, enable_ref_frame_mvs");
            }
            forceScreenContent = r.flag("seq_choose_screen_content_tools") ? 2 : r.u(1, "seq_force_screen_content_tools");
            if (forceScreenContent > 0) {
                forceIntegerMv = r.flag("seq_choose_integer_mv") ? 2 : r.u(1, "seq_force_integer_mv");
            }
            if (orderHint) {
                orderHintBits = r.u(3, "order_hint_bits_minus_1") + 1;
            }
        }
        r.skip(3, "enable_superres, enable_cdef, enable_restoration");
        // color_config (5.5.2)
        boolean high = r.flag("high_bitdepth");
        int bitDepth = profile == 2 && high ? (r.flag("twelve_bit") ? 12 : 10) : high ? 10 : 8;
        boolean mono = profile != 1 && r.flag("mono_chrome");
        int cp = 2;
        int tc = 2;
        int mc = 2;
        if (r.flag("color_description_present_flag")) {
            cp = r.u(8, "color_primaries");
            tc = r.u(8, "transfer_characteristics");
            mc = r.u(8, "matrix_coefficients");
        }
        boolean fullRange;
        boolean ssx = true;
        boolean ssy = true;
        int csp = 0;
        if (mono) {
            fullRange = r.flag("color_range");
        } else if (cp == 1 && tc == 13 && mc == 0) {
            // sRGB: 4:4:4, full range, no color_range bit.
            fullRange = true;
            ssx = false;
            ssy = false;
        } else {
            fullRange = r.flag("color_range");
            if (profile == 1) {
                ssx = false;
                ssy = false;
            } else if (profile == 2) {
                if (bitDepth == 12) {
                    ssx = r.flag("subsampling_x");
                    ssy = ssx && r.flag("subsampling_y");
                } else {
                    ssy = false;
                }
            }
            if (ssx && ssy) {
                csp = r.u(2, "chroma_sample_position");
            }
        }
        if (!mono) {
            r.skip(1, "separate_uv_delta_q");
        }
        boolean filmGrain = r.flag("film_grain_params_present");
        if (profile == 0 && !mono && !(ssx && ssy)) {
            throw new BitstreamException(Kind.INVALID, -1, "seq_profile 0 is 4:2:0 or monochrome only");
        }
        return new SequenceHeader(profile, still, reduced, level, tier, decoderModel, equalInterval,
                presentationLength, maxWidth, maxHeight, frameIds, idLength, bitDepth, mono, ssx, ssy, csp, cp, tc, mc,
                fullRange, filmGrain, forceScreenContent, forceIntegerMv, orderHintBits);
    }

    /** uvlc() (4.10.3): leading zeros, then as many bits; 32 or more zeros mean 2^32 - 1. */
    private static long uvlc(BitReader r, String what) throws BitstreamException {
        int zeros = 0;
        while (!r.flag(what)) {
            zeros++;
            if (zeros >= 32) {
                // The spec reads on to the 1 bit and returns 2^32 - 1; such a header is hostile anyway.
                throw r.error(Kind.OUT_OF_RANGE, r.position(), what + ": uvlc of 32 or more leading zeros");
            }
        }
        return r.uLong(zeros, what) + (1L << zeros) - 1;
    }
}

package dev.bmff.codecs.mpeg4;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The fields of a VideoObjectLayer header (ISO/IEC 14496-2 6.2.3) that describe the picture and that a VOP
 * header needs to be read: the time increment resolution (the width of {@code vop_time_increment}) and the
 * shape.
 *
 * <pre>{@code
 * VideoObjectLayer vol = VideoObjectLayer.parse(payloadAfterStartCode);
 * System.out.println(vol.width() + "x" + vol.height() + " " + vol.timeIncrementResolution());
 * }</pre>
 *
 * @param objectTypeIndication video_object_type_indication (1 simple, 17 advanced simple...)
 * @param verid video_object_layer_verid (1 when no identifier is sent)
 * @param aspectRatioInfo aspect_ratio_info (1 square, 15 extended with {@code parWidth}/{@code parHeight})
 * @param parWidth pixel aspect ratio width (Table 6-12, or the extended value; 0 when unknown)
 * @param parHeight pixel aspect ratio height (0 when unknown)
 * @param chromaFormat chroma_format (1 is 4:2:0, the only value defined)
 * @param lowDelay low_delay (true: no B-VOPs); true when vol_control_parameters are absent and the type is simple
 * @param shape video_object_layer_shape (0 rectangular, 1 binary, 2 binary only, 3 grayscale)
 * @param timeIncrementResolution vop_time_increment_resolution (ticks per second)
 * @param fixedVopTimeIncrement fixed_vop_time_increment, 0 when the rate is not fixed
 * @param width video_object_layer_width (0 unless the shape is rectangular)
 * @param height video_object_layer_height (0 unless the shape is rectangular)
 * @param interlaced interlaced
 * @param spriteEnable sprite_enable (0 none, 1 static, 2 GMC)
 * @param quarterSample quarter_sample (false for verid 1)
 */
public record VideoObjectLayer(int objectTypeIndication, int verid, int aspectRatioInfo, int parWidth,
        int parHeight, int chromaFormat, boolean lowDelay, int shape, int timeIncrementResolution,
        int fixedVopTimeIncrement, int width, int height, boolean interlaced, int spriteEnable,
        boolean quarterSample) {
    /** Shape values (Table 6-14). */
    public static final int RECTANGULAR = 0;
    /** video_object_layer_shape binary only: no texture. */
    public static final int BINARY_ONLY = 2;
    /** video_object_layer_shape grayscale. */
    public static final int GRAYSCALE = 3;

    /** Table 6-12: pixel aspect ratios of aspect_ratio_info 1 to 5. */
    private static final int[][] PAR = {{0, 0}, {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}};

    /** Bits of vop_time_increment: enough for resolution - 1, at least 1 (6.3.3). */
    public int timeIncrementBits() {
        return bitsFor(timeIncrementResolution);
    }

    static int bitsFor(int resolution) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, resolution - 1));
        return Math.max(1, bits);
    }

    /**
     * Parses the header from the byte after its start code ({@code 00 00 01 2x}); the bits after
     * quarter_sample are not read.
     *
     * @throws BitstreamException when it is cut, a marker bit is 0 or a value is reserved
     */
    public static VideoObjectLayer parse(byte[] data, int offset, int length) throws BitstreamException {
        BitReader r = new BitReader(data, offset, length);
        r.flag("random_accessible_vol");
        int type = r.u(8, "video_object_type_indication");
        int verid = 1;
        if (r.flag("is_object_layer_identifier")) {
            long at = r.position();
            verid = r.u(4, "video_object_layer_verid");
            if (verid != 1 && verid != 2 && verid != 4 && verid != 5) {
                throw r.error(Kind.RESERVED, at, "video_object_layer_verid " + verid + " is reserved");
            }
            r.u(3, "video_object_layer_priority");
        }
        long at = r.position();
        int aspect = r.u(4, "aspect_ratio_info");
        int parW = 0;
        int parH = 0;
        if (aspect == 15) {
            parW = r.u(8, "par_width");
            parH = r.u(8, "par_height");
        } else if (aspect >= 1 && aspect <= 5) {
            parW = PAR[aspect][0];
            parH = PAR[aspect][1];
        } else if (aspect != 0) {
            throw r.error(Kind.RESERVED, at, "aspect_ratio_info " + aspect + " is reserved");
        }
        int chroma = 1;
        // Without vol_control_parameters, low_delay is 1 for the simple types (Simple, Simple Scalable...): 6.3.3.
        boolean lowDelay = type == 1 || type == 2;
        if (r.flag("vol_control_parameters")) {
            at = r.position();
            chroma = r.u(2, "chroma_format");
            if (chroma != 1) {
                throw r.error(Kind.RESERVED, at, "chroma_format " + chroma + " is reserved (only 4:2:0 is defined)");
            }
            lowDelay = r.flag("low_delay");
            if (r.flag("vbv_parameters")) {
                r.u(15, "first_half_bit_rate");
                marker(r);
                r.u(15, "latter_half_bit_rate");
                marker(r);
                r.u(15, "first_half_vbv_buffer_size");
                marker(r);
                r.u(3, "latter_half_vbv_buffer_size");
                r.u(11, "first_half_vbv_occupancy");
                marker(r);
                r.u(15, "latter_half_vbv_occupancy");
                marker(r);
            }
        }
        int shape = r.u(2, "video_object_layer_shape");
        if (shape == GRAYSCALE && verid != 1) {
            r.u(4, "video_object_layer_shape_extension");
        }
        marker(r);
        at = r.position();
        int resolution = r.u(16, "vop_time_increment_resolution");
        if (resolution == 0) {
            throw r.error(Kind.OUT_OF_RANGE, at, "vop_time_increment_resolution 0");
        }
        marker(r);
        int fixedIncrement = 0;
        if (r.flag("fixed_vop_rate")) {
            fixedIncrement = r.u(bitsFor(resolution), "fixed_vop_time_increment");
        }
        int width = 0;
        int height = 0;
        boolean interlaced = false;
        int sprite = 0;
        boolean quarter = false;
        if (shape != BINARY_ONLY) {
            if (shape == RECTANGULAR) {
                marker(r);
                width = r.u(13, "video_object_layer_width");
                marker(r);
                height = r.u(13, "video_object_layer_height");
                marker(r);
                if (width == 0 || height == 0) {
                    throw r.error(Kind.OUT_OF_RANGE, r.position() - 28, "a picture of " + width + "x" + height);
                }
            }
            interlaced = r.flag("interlaced");
            r.flag("obmc_disable");
            sprite = r.u(verid == 1 ? 1 : 2, "sprite_enable");
            if (sprite == 3) {
                throw r.error(Kind.RESERVED, r.position() - 2, "sprite_enable 3 is reserved");
            }
            if (sprite == 1 || sprite == 2) {
                if (sprite != 2) {
                    r.u(13, "sprite_width");
                    marker(r);
                    r.u(13, "sprite_height");
                    marker(r);
                    r.u(13, "sprite_left_coordinate");
                    marker(r);
                    r.u(13, "sprite_top_coordinate");
                    marker(r);
                }
                r.u(6, "no_of_sprite_warping_points");
                r.u(2, "sprite_warping_accuracy");
                r.flag("sprite_brightness_change");
                if (sprite != 2) {
                    r.flag("low_latency_sprite_enable");
                }
            }
            if (verid != 1 && shape != RECTANGULAR) {
                r.flag("sadct_disable");
            }
            if (r.flag("not_8_bit")) {
                r.u(4, "quant_precision");
                r.u(4, "bits_per_pixel");
            }
            if (shape == GRAYSCALE) {
                r.flag("no_gray_quant_update");
                r.flag("composition_method");
                r.flag("linear_composition");
            }
            if (r.flag("quant_type")) {
                quantMatrix(r, "intra_quant_mat");
                quantMatrix(r, "nonintra_quant_mat");
                if (shape == GRAYSCALE) {
                    throw r.error(Kind.UNSUPPORTED, r.position(), "grayscale quantiser matrices are not read");
                }
            }
            if (verid != 1) {
                quarter = r.flag("quarter_sample");
            }
        }
        return new VideoObjectLayer(type, verid, aspect, parW, parH, chroma, lowDelay, shape, resolution,
                fixedIncrement, width, height, interlaced, sprite, quarter);
    }

    /** load_*_quant_mat and up to 64 values; a 0 value ends the matrix early (6.3.3). */
    private static void quantMatrix(BitReader r, String what) throws BitstreamException {
        if (!r.flag("load_" + what)) {
            return;
        }
        for (int i = 0; i < 64; i++) {
            if (r.u(8, what) == 0) {
                return;
            }
        }
    }

    private static void marker(BitReader r) throws BitstreamException {
        long at = r.position();
        if (!r.flag("marker_bit")) {
            throw r.error(Kind.INVALID, at, "marker_bit is 0");
        }
    }
}

package dev.bmff.codecs.mpeg4;

/**
 * MPEG-4 Part 2 start codes (ISO/IEC 14496-2 6.2.1, Table 6-3): {@code 00 00 01} and a code byte. Every header
 * and every VOP starts with one, and the start code prefix cannot occur inside the coded data, so they split a
 * stream exactly.
 *
 * <pre>{@code
 * int at = StartCodes.next(sample, 0, sample.length);      // index of the first 00 00 01, or -1
 * if (at >= 0 && StartCodes.code(sample, at) == StartCodes.VOP) { ... }
 * }</pre>
 */
public final class StartCodes {
    /** video_object_start_code: 0x00 to 0x1F. */
    public static final int VIDEO_OBJECT_LAST = 0x1F;
    /** video_object_layer_start_code: 0x20 to 0x2F. */
    public static final int VOL_FIRST = 0x20;
    /** The last video_object_layer_start_code. */
    public static final int VOL_LAST = 0x2F;
    /** visual_object_sequence_start_code. */
    public static final int VOS = 0xB0;
    /** visual_object_sequence_end_code. */
    public static final int VOS_END = 0xB1;
    /** user_data_start_code. */
    public static final int USER_DATA = 0xB2;
    /** group_of_vop_start_code. */
    public static final int GOV = 0xB3;
    /** visual_object_start_code. */
    public static final int VISUAL_OBJECT = 0xB5;
    /** vop_start_code. */
    public static final int VOP = 0xB6;

    private StartCodes() {
    }

    /** The index of the first {@code 00 00 01} in {@code [from, to)} (all three bytes inside), or -1. */
    public static int next(byte[] data, int from, int to) {
        for (int i = Math.max(0, from); i + 2 < to; i++) {
            // The third byte first: 01 is rare in coded data, so most positions are rejected by one compare.
            if (data[i + 2] == 1 && data[i] == 0 && data[i + 1] == 0) {
                return i;
            }
            if (data[i + 2] != 0) {
                // No prefix can start at i + 1 or i + 2 unless byte i + 2 is zero: skip them.
                i += 2;
            }
        }
        return -1;
    }

    /** The code byte of the start code at {@code at} (its {@code 00 00 01} must be there); -1 past the end. */
    public static int code(byte[] data, int at) {
        return at + 3 < data.length ? data[at + 3] & 0xFF : -1;
    }

    /** Whether a start code {@code 00 00 01 code} begins at {@code at} (all four bytes inside {@code data}). */
    public static boolean isStartCode(byte[] data, int at) {
        return at >= 0 && at + 3 < data.length && data[at] == 0 && data[at + 1] == 0 && data[at + 2] == 1;
    }

    /** Whether {@code code} is one of the headers that may come before a VOP in a sample: VOS, VO, VOL, GOV, user data. */
    public static boolean isHeader(int code) {
        return code <= VOL_LAST || code == VOS || code == VISUAL_OBJECT || code == GOV || code == USER_DATA;
    }

    /** A short name of a start code, for messages: "VOP", "VOL", "GOV". */
    public static String name(int code) {
        if (code <= VIDEO_OBJECT_LAST) {
            return "VO";
        }
        if (code <= VOL_LAST) {
            return "VOL";
        }
        return switch (code) {
            case VOS -> "VOS";
            case VOS_END -> "VOS end";
            case USER_DATA -> "user data";
            case GOV -> "GOV";
            case VISUAL_OBJECT -> "visual object";
            case VOP -> "VOP";
            default -> String.format("start code %02X", code);
        };
    }
}

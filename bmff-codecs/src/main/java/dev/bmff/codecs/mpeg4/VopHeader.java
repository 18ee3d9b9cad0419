package dev.bmff.codecs.mpeg4;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The start of a VideoObjectPlane header (ISO/IEC 14496-2 6.2.5): its coding type, its time, and whether it is
 * coded at all (an uncoded "N-VOP" repeats the previous picture; DivX-style packed B-frames leave one after each
 * packed pair).
 *
 * <pre>{@code
 * VopHeader vop = VopHeader.parse(sample, afterStartCode, sample.length - afterStartCode, vol);
 * boolean keyframe = vop.type() == VopHeader.Type.I;
 * }</pre>
 *
 * @param type vop_coding_type
 * @param moduloTimeBase the seconds modulo_time_base adds (the count of its 1 bits)
 * @param timeIncrement vop_time_increment (in 1 / vop_time_increment_resolution seconds)
 * @param coded vop_coded
 */
public record VopHeader(Type type, int moduloTimeBase, int timeIncrement, boolean coded) {
    /** vop_coding_type (Table 6-20). */
    public enum Type {
        /** Intra: a keyframe. */
        I,
        /** Predicted. */
        P,
        /** Bidirectionally predicted. */
        B,
        /** Sprite (static or GMC). */
        S
    }

    /** A VOP longer than a minute of modulo_time_base bits is garbage, not a picture. */
    private static final int MAX_MODULO = 60;

    /**
     * Parses the header from the byte after its start code ({@code 00 00 01 B6}) up to vop_coded.
     *
     * @param vol the layer the VOP belongs to (for the width of vop_time_increment)
     * @throws BitstreamException when it is cut, a marker bit is 0, the increment is not below the resolution or
     *     an S-VOP comes without sprites
     */
    public static VopHeader parse(byte[] data, int offset, int length, VideoObjectLayer vol)
            throws BitstreamException {
        BitReader r = new BitReader(data, offset, length);
        Type type = Type.values()[r.u(2, "vop_coding_type")];
        if (type == Type.S && vol.spriteEnable() == 0) {
            throw r.error(Kind.INVALID, 0, "an S-VOP in a layer without sprites");
        }
        if (type == Type.B && vol.lowDelay() && vol.objectTypeIndication() <= 2) {
            throw r.error(Kind.INVALID, 0, "a B-VOP in a low-delay simple layer");
        }
        int modulo = 0;
        while (r.flag("modulo_time_base")) {
            if (++modulo > MAX_MODULO) {
                throw r.error(Kind.OUT_OF_RANGE, r.position(), "modulo_time_base of more than " + MAX_MODULO + " s");
            }
        }
        marker(r);
        long at = r.position();
        int increment = r.u(vol.timeIncrementBits(), "vop_time_increment");
        if (increment >= vol.timeIncrementResolution()) {
            throw r.error(Kind.OUT_OF_RANGE, at, "vop_time_increment " + increment + " not below the resolution "
                    + vol.timeIncrementResolution());
        }
        marker(r);
        boolean coded = r.flag("vop_coded");
        return new VopHeader(type, modulo, increment, coded);
    }

    private static void marker(BitReader r) throws BitstreamException {
        long at = r.position();
        if (!r.flag("marker_bit")) {
            throw r.error(Kind.INVALID, at, "marker_bit is 0");
        }
    }
}

package dev.bmff.codecs.hevc;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.bits.Rbsp;

/** Opens a NAL unit of an expected type as an RBSP reader: header checked, emulation prevention removed. */
final class HevcNal {
    private HevcNal() {
    }

    static BitReader open(byte[] nal, int expectedType, String what) throws BitstreamException {
        NalHeader h = NalHeader.parse(nal);
        if (h.type() != expectedType) {
            throw new BitstreamException(Kind.WRONG_TYPE, 1, what + ": nal_unit_type " + h.typeName() + ", expected "
                    + NalHeader.typeName(expectedType));
        }
        return Rbsp.reader(nal, 2, nal.length - 2);
    }

    /** Ceil(Log2(n)) for n >= 1, the width of u(v) indices into n entries. */
    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /** rbsp_trailing_bits(): a one bit, then zero bits to the end. */
    static void checkTrailingBits(BitReader r, String what) throws BitstreamException {
        if (!r.flag(what + " rbsp_stop_one_bit")) {
            throw r.error(Kind.INVALID, r.position() - 1, what + " rbsp_stop_one_bit: 0");
        }
        while (r.remaining() > 0) {
            if (r.flag(what + " rbsp_alignment_zero_bit")) {
                throw r.error(Kind.INVALID, r.position() - 1, what + " rbsp_alignment_zero_bit: 1");
            }
        }
    }
}

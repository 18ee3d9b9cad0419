package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API box-header kernel. Wanted types are four printable characters from a small alphabet
 * per position ({@code moov}, {@code mdat}, {@code avcC}...), so for each of the four type bytes the
 * values some type has there are widened to {@link #RANGES} byte ranges, and four loads shifted by 4 to 7
 * give, in a few compares, the offsets whose type bytes all fall in their ranges: in random data about
 * one offset in thousands. Only those get the hash look-up of the type and the size check.
 */
final class VectorBoxKernel implements ScanKernel {
    private static final VectorSpecies<Byte> S = VectorKernels.SPECIES;
    static final int RANGES = 2;

    private final ScanKernel scalar;
    /** Per type byte k, range r: bias and limit of the signed test, flattened as [k * RANGES + r]. */
    private final byte[] bias = new byte[4 * RANGES];
    private final byte[] limit = new byte[4 * RANGES];

    VectorBoxKernel(BoxTypeSet types, ScanKernel scalar) {
        this.scalar = scalar;
        for (int k = 0; k < 4; k++) {
            ByteRanges r = ByteRanges.cover(types.bytesAt(k), RANGES);
            for (int i = 0; i < RANGES; i++) {
                int j = Math.min(i, r.size() - 1); // fewer ranges: repeat the last
                bias[k * RANGES + i] = r.bias[j];
                limit[k * RANGES + i] = r.limit[j];
            }
        }
    }

    @Override
    public boolean vectorized() {
        return true;
    }

    private static VectorMask<Byte> in(ByteVector v, byte b0, byte l0, byte b1, byte l1) {
        return v.add(b0).lt(l0).or(v.add(b1).lt(l1));
    }

    /*
     * As in the pattern kernel, the lane mask never leaves the loop: a register with a candidate is
     * handed to the scalar kernel for its starts (and the 15 bytes a header there may span).
     */

    @Override
    public int find(byte[] data, int from, int to) {
        final int lanes = S.length();
        // Loads reach p + 7 + lanes; starts beyond the register are left to the scalar kernel.
        final int end = to - 7 - lanes;
        final byte[] bs = bias;
        final byte[] ls = limit;
        final byte b0 = bs[0], l0 = ls[0], b1 = bs[1], l1 = ls[1], b2 = bs[2], l2 = ls[2], b3 = bs[3], l3 = ls[3];
        final byte b4 = bs[4], l4 = ls[4], b5 = bs[5], l5 = ls[5], b6 = bs[6], l6 = ls[6], b7 = bs[7], l7 = ls[7];
        int p = from;
        for (; p <= end; p += lanes) {
            VectorMask<Byte> m = in(ByteVector.fromArray(S, data, p + 4), b0, l0, b1, l1)
                    .and(in(ByteVector.fromArray(S, data, p + 5), b2, l2, b3, l3))
                    .and(in(ByteVector.fromArray(S, data, p + 6), b4, l4, b5, l5))
                    .and(in(ByteVector.fromArray(S, data, p + 7), b6, l6, b7, l7));
            if (m.anyTrue()) {
                int hit = scalar.find(data, p, Math.min(to, p + lanes - 1 + BoxHeaderSignature.MAX_LENGTH));
                if (hit >= 0 && hit < p + lanes) {
                    return hit;
                }
            }
        }
        return scalar.find(data, p, to);
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        final ByteOrder o = ByteOrder.nativeOrder();
        final int lanes = S.length();
        final int end = to - 7 - lanes;
        final byte[] bs = bias;
        final byte[] ls = limit;
        final byte b0 = bs[0], l0 = ls[0], b1 = bs[1], l1 = ls[1], b2 = bs[2], l2 = ls[2], b3 = bs[3], l3 = ls[3];
        final byte b4 = bs[4], l4 = ls[4], b5 = bs[5], l5 = ls[5], b6 = bs[6], l6 = ls[6], b7 = bs[7], l7 = ls[7];
        int p = from;
        for (; p <= end; p += lanes) {
            VectorMask<Byte> m = in(ByteVector.fromByteBuffer(S, buffer, p + 4, o), b0, l0, b1, l1)
                    .and(in(ByteVector.fromByteBuffer(S, buffer, p + 5, o), b2, l2, b3, l3))
                    .and(in(ByteVector.fromByteBuffer(S, buffer, p + 6, o), b4, l4, b5, l5))
                    .and(in(ByteVector.fromByteBuffer(S, buffer, p + 7, o), b6, l6, b7, l7));
            if (m.anyTrue()) {
                int hit = scalar.find(buffer, p, Math.min(to, p + lanes - 1 + BoxHeaderSignature.MAX_LENGTH));
                if (hit >= 0 && hit < p + lanes) {
                    return hit;
                }
            }
        }
        return scalar.find(buffer, p, to);
    }

    @Override
    public String toString() {
        return "Vector API, " + S.length() + " lanes, " + RANGES + " byte ranges per type byte";
    }
}

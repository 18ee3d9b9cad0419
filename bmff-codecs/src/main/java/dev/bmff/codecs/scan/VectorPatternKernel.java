package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API pattern kernel: one register holds the bytes at {@code lanes} consecutive starts, and
 * four loads shifted by the offsets of four of the pattern's most telling bytes give, in one AND of lane
 * masks, every start where those four bytes match. Only those starts are compared in full; the last few
 * starts (fewer than a register) go to the scalar kernel.
 */
final class VectorPatternKernel implements ScanKernel {
    private static final VectorSpecies<Byte> S = VectorKernels.SPECIES;
    private static final int FILTER = 4;

    private final BytePattern pattern;
    private final ScanKernel scalar;
    private final int length;
    private final int o0, o1, o2, o3;
    private final byte v0, v1, v2, v3;
    private final byte m0, m1, m2, m3;
    /** True when every filter byte is fully specified: no AND before the compare. */
    private final boolean exact;
    private final int maxOffset;
    /**
     * Loads per register: 2 when the two best filter bytes are full and neither 00 nor FF (a pair like
     * {@code 02 09} occurs about once in 65536 offsets of random data, rarely enough to verify the rest in
     * the scalar kernel), 3 when the filter has three distinct exact bytes, else 4.
     */
    private final int loads;

    VectorPatternKernel(BytePattern pattern, ScanKernel scalar) {
        this.pattern = pattern;
        this.scalar = scalar;
        this.length = pattern.length();
        int[] pick = pickFilter(pattern);
        o0 = pick[0];
        o1 = pick[1];
        o2 = pick[2];
        o3 = pick[3];
        v0 = (byte) pattern.valueAt(o0);
        v1 = (byte) pattern.valueAt(o1);
        v2 = (byte) pattern.valueAt(o2);
        v3 = (byte) pattern.valueAt(o3);
        m0 = (byte) pattern.maskAt(o0);
        m1 = (byte) pattern.maskAt(o1);
        m2 = (byte) pattern.maskAt(o2);
        m3 = (byte) pattern.maskAt(o3);
        exact = (m0 & m1 & m2 & m3) == (byte) 0xFF;
        if (exact && o0 != o1 && score(pattern, o0) == 17 && score(pattern, o1) == 17) {
            loads = 2;
        } else if (exact && o3 == o2) {
            loads = 3;
        } else {
            loads = 4;
        }
        maxOffset = loads == 2 ? Math.max(o0, o1) : loads == 3 ? Math.max(o0, Math.max(o1, o2))
                : Math.max(Math.max(o0, o1), Math.max(o2, o3));
    }

    /**
     * The offsets of the (up to) four bytes that reject the most: more mask bits first, and among full
     * bytes the ones that are neither 00 nor FF (media data is full of both). Fewer constrained bytes
     * than four repeat the last one, which costs a compare and changes nothing.
     */
    static int[] pickFilter(BytePattern p) {
        Integer[] order = new Integer[p.length()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(score(p, b), score(p, a)));
        int[] pick = new int[FILTER];
        int n = 0;
        for (int i : order) {
            if (n < FILTER && p.maskAt(i) != 0) {
                pick[n++] = i;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("a pattern needs at least one specified byte: " + p);
        }
        for (int i = n; i < FILTER; i++) {
            pick[i] = pick[n - 1];
        }
        return pick;
    }

    private static int score(BytePattern p, int i) {
        int bits = Integer.bitCount(p.maskAt(i));
        int common = p.maskAt(i) == 0xFF && (p.valueAt(i) == 0 || p.valueAt(i) == 0xFF) ? 0 : 1;
        return bits * 2 + common;
    }

    @Override
    public boolean vectorized() {
        return true;
    }

    /*
     * The loops keep the lane mask out of the hot path: a register whose four filter bytes match
     * somewhere (rare) is handed, with the pattern's tail, to the scalar kernel, which finds the first
     * full match in that stretch. Asking the mask for its bits (toLong) in the loop halves the speed on
     * Java 17, where that call is not an intrinsic.
     */

    @Override
    public int find(byte[] data, int from, int to) {
        final int lanes = S.length();
        final int limit = to - maxOffset - lanes;
        final byte a = v0, b = v1, c = v2, d = v3;
        int p = from;
        if (loads == 2) {
            for (; p <= limit; p += lanes) {
                ByteVector x = ByteVector.fromArray(S, data, p + o0).lanewise(VectorOperators.XOR, a)
                        .or(ByteVector.fromArray(S, data, p + o1).lanewise(VectorOperators.XOR, b));
                if (x.eq((byte) 0).anyTrue()) {
                    int hit = stretch(data, p, to);
                    if (hit >= 0) {
                        return hit;
                    }
                }
            }
        } else if (loads == 3) {
            for (; p <= limit; p += lanes) {
                ByteVector x = ByteVector.fromArray(S, data, p + o0).lanewise(VectorOperators.XOR, a)
                        .or(ByteVector.fromArray(S, data, p + o1).lanewise(VectorOperators.XOR, b))
                        .or(ByteVector.fromArray(S, data, p + o2).lanewise(VectorOperators.XOR, c));
                if (x.eq((byte) 0).anyTrue()) {
                    int hit = stretch(data, p, to);
                    if (hit >= 0) {
                        return hit;
                    }
                }
            }
        } else if (exact) {
            for (; p <= limit; p += lanes) {
                ByteVector x = ByteVector.fromArray(S, data, p + o0).lanewise(VectorOperators.XOR, a)
                        .or(ByteVector.fromArray(S, data, p + o1).lanewise(VectorOperators.XOR, b))
                        .or(ByteVector.fromArray(S, data, p + o2).lanewise(VectorOperators.XOR, c))
                        .or(ByteVector.fromArray(S, data, p + o3).lanewise(VectorOperators.XOR, d));
                if (x.eq((byte) 0).anyTrue()) {
                    int hit = stretch(data, p, to);
                    if (hit >= 0) {
                        return hit;
                    }
                }
            }
        } else {
            final byte ma = m0, mb = m1, mc = m2, md = m3;
            for (; p <= limit; p += lanes) {
                ByteVector x = ByteVector.fromArray(S, data, p + o0).and(ma).lanewise(VectorOperators.XOR, a)
                        .or(ByteVector.fromArray(S, data, p + o1).and(mb).lanewise(VectorOperators.XOR, b))
                        .or(ByteVector.fromArray(S, data, p + o2).and(mc).lanewise(VectorOperators.XOR, c))
                        .or(ByteVector.fromArray(S, data, p + o3).and(md).lanewise(VectorOperators.XOR, d));
                if (x.eq((byte) 0).anyTrue()) {
                    int hit = stretch(data, p, to);
                    if (hit >= 0) {
                        return hit;
                    }
                }
            }
        }
        return scalar.find(data, p, to);
    }

    /** The first match starting in this register's starts {@code [p, p + lanes)}, or -1. */
    private int stretch(byte[] data, int p, int to) {
        int lanes = S.length();
        int hit = scalar.find(data, p, Math.min(to, p + lanes - 1 + length));
        return hit < p + lanes ? hit : -1;
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        final ByteOrder o = ByteOrder.nativeOrder();
        final int lanes = S.length();
        final int limit = to - maxOffset - lanes;
        final byte a = v0, b = v1, c = v2, d = v3;
        final byte ma = m0, mb = m1, mc = m2, md = m3;
        int p = from;
        if (loads == 2) {
            for (; p <= limit; p += lanes) {
                ByteVector x = ByteVector.fromByteBuffer(S, buffer, p + o0, o).lanewise(VectorOperators.XOR, a)
                        .or(ByteVector.fromByteBuffer(S, buffer, p + o1, o).lanewise(VectorOperators.XOR, b));
                if (x.eq((byte) 0).anyTrue()) {
                    int hit = stretch(buffer, p, to);
                    if (hit >= 0) {
                        return hit;
                    }
                }
            }
            return scalar.find(buffer, p, to);
        }
        // Loads from a buffer cost more than from an array on Java 17 (fromByteBuffer checks and goes through
        // the buffer's scope on each), so the variants of the array loop matter more here: three loads for a
        // start code, no ANDs for exact bytes.
        if (loads == 3) {
            for (; p <= limit; p += lanes) {
                ByteVector x = ByteVector.fromByteBuffer(S, buffer, p + o0, o).lanewise(VectorOperators.XOR, a)
                        .or(ByteVector.fromByteBuffer(S, buffer, p + o1, o).lanewise(VectorOperators.XOR, b))
                        .or(ByteVector.fromByteBuffer(S, buffer, p + o2, o).lanewise(VectorOperators.XOR, c));
                if (x.eq((byte) 0).anyTrue()) {
                    int hit = stretch(buffer, p, to);
                    if (hit >= 0) {
                        return hit;
                    }
                }
            }
            return scalar.find(buffer, p, to);
        }
        if (exact) {
            for (; p <= limit; p += lanes) {
                ByteVector x = ByteVector.fromByteBuffer(S, buffer, p + o0, o).lanewise(VectorOperators.XOR, a)
                        .or(ByteVector.fromByteBuffer(S, buffer, p + o1, o).lanewise(VectorOperators.XOR, b))
                        .or(ByteVector.fromByteBuffer(S, buffer, p + o2, o).lanewise(VectorOperators.XOR, c))
                        .or(ByteVector.fromByteBuffer(S, buffer, p + o3, o).lanewise(VectorOperators.XOR, d));
                if (x.eq((byte) 0).anyTrue()) {
                    int hit = stretch(buffer, p, to);
                    if (hit >= 0) {
                        return hit;
                    }
                }
            }
            return scalar.find(buffer, p, to);
        }
        for (; p <= limit; p += lanes) {
            ByteVector x = ByteVector.fromByteBuffer(S, buffer, p + o0, o).and(ma).lanewise(VectorOperators.XOR, a)
                    .or(ByteVector.fromByteBuffer(S, buffer, p + o1, o).and(mb).lanewise(VectorOperators.XOR, b))
                    .or(ByteVector.fromByteBuffer(S, buffer, p + o2, o).and(mc).lanewise(VectorOperators.XOR, c))
                    .or(ByteVector.fromByteBuffer(S, buffer, p + o3, o).and(md).lanewise(VectorOperators.XOR, d));
            if (x.eq((byte) 0).anyTrue()) {
                int hit = stretch(buffer, p, to);
                if (hit >= 0) {
                    return hit;
                }
            }
        }
        return scalar.find(buffer, p, to);
    }

    /** The first match starting in this register's starts {@code [p, p + lanes)} of {@code buffer}, or -1. */
    private int stretch(ByteBuffer buffer, int p, int to) {
        int lanes = S.length();
        int hit = scalar.find(buffer, p, Math.min(to, p + lanes - 1 + length));
        return hit < p + lanes ? hit : -1;
    }

    @Override
    public String toString() {
        return "Vector API, " + S.length() + " lanes, " + loads + " loads, filter on bytes " + o0 + ", " + o1 + ", "
                + o2 + ", " + o3;
    }
}

package dev.bmff.codecs.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of byte values widened to at most {@code n} ranges (neighbouring ranges with the smallest gap
 * merged first), for a SIMD membership test of a few compares. Each range is kept as the two bytes of
 * the test {@code (byte) (x + bias) < limit} (signed), true exactly for {@code x} (unsigned) in
 * {@code [lo, lo + width)}: adding {@code -lo - 128} moves the range to the bottom of the signed bytes.
 */
final class ByteRanges {
    final byte[] bias;
    final byte[] limit;

    private ByteRanges(byte[] bias, byte[] limit) {
        this.bias = bias;
        this.limit = limit;
    }

    /** At most {@code n} (at least 2) ranges covering every value marked in {@code in}; none when empty. */
    static ByteRanges cover(boolean[] in, int n) {
        List<int[]> runs = new ArrayList<>(); // {lo, hi} inclusive
        for (int v = 0; v < 256; v++) {
            if (in[v]) {
                if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == v - 1) {
                    runs.get(runs.size() - 1)[1] = v;
                } else {
                    runs.add(new int[] {v, v});
                }
            }
        }
        while (runs.size() > n) {
            int best = 0;
            for (int i = 1; i + 1 < runs.size(); i++) {
                if (runs.get(i + 1)[0] - runs.get(i)[1] < runs.get(best + 1)[0] - runs.get(best)[1]) {
                    best = i;
                }
            }
            runs.get(best)[1] = runs.get(best + 1)[1];
            runs.remove(best + 1);
        }
        if (runs.size() == 1 && runs.get(0)[1] - runs.get(0)[0] == 255) {
            // All 256 values: a width the signed test cannot express, so two ranges.
            runs.set(0, new int[] {0, 254});
            runs.add(new int[] {255, 255});
        }
        byte[] bias = new byte[runs.size()];
        byte[] limit = new byte[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            int lo = runs.get(i)[0];
            int width = runs.get(i)[1] - lo + 1;
            bias[i] = (byte) (-lo - 128);
            limit[i] = (byte) (width - 128);
        }
        return new ByteRanges(bias, limit);
    }

    int size() {
        return bias.length;
    }

    /** The scalar form of the test, for checks. */
    boolean contains(int x) {
        for (int i = 0; i < bias.length; i++) {
            if ((byte) (x + bias[i]) < limit[i]) {
                return true;
            }
        }
        return false;
    }
}

package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The scalar pattern kernel. It picks an anchor in the pattern, two adjacent fully specified bytes chosen
 * to be rare (non-zero bytes preferred, since media data is full of zero runs), tests 8 bytes at a time
 * for that pair with SWAR arithmetic and verifies the whole pattern only at the (about one in 65536 for
 * random data) candidates.
 */
final class SwarPatternKernel implements ScanKernel {
    private final BytePattern pattern;
    private final int length;
    private final int anchor;
    private final boolean pair;
    private final long first;
    private final long second;
    /** Starts covered by one word: 7 for a pair (its second byte must be in the same word), else 8. */
    private final int step;

    SwarPatternKernel(BytePattern pattern) {
        this.pattern = pattern;
        this.length = pattern.length();
        int best = -1;
        int bestScore = Integer.MAX_VALUE;
        boolean bestPair = false;
        for (int i = 0; i < length; i++) {
            if (pattern.maskAt(i) != 0xFF) {
                continue;
            }
            boolean p = i + 1 < length && pattern.maskAt(i + 1) == 0xFF;
            // A pair beats a single byte; zero and 0xFF are the commonest bytes in real media data.
            int score = (p ? 0 : 10) + commonness(pattern.valueAt(i)) + (p ? commonness(pattern.valueAt(i + 1)) : 0);
            if (score < bestScore) {
                bestScore = score;
                best = i;
                bestPair = p;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("a pattern needs at least one fully specified byte: " + pattern);
        }
        this.anchor = best;
        this.pair = bestPair;
        this.first = Swar.broadcast(pattern.valueAt(best));
        this.second = bestPair ? Swar.broadcast(pattern.valueAt(best + 1)) : 0;
        this.step = bestPair ? 7 : 8;
    }

    private static int commonness(int b) {
        return b == 0 ? 2 : b == 0xFF ? 1 : 0;
    }

    @Override
    public boolean vectorized() {
        return false;
    }

    /**
     * 0x80 in each lane where an anchor may start: byte j equals the first anchor byte and j + 1 the
     * second. A superset (the cheap zero test can flag a lane above a real hit); candidates are verified.
     */
    private long candidates(long word) {
        long m = Swar.equalLanesApprox(word, first);
        return pair ? m & (Swar.equalLanesApprox(word, second) >>> 8) : m;
    }

    @Override
    public int find(byte[] data, int from, int to) {
        int last = to - length;
        int q = from + anchor;
        // Locals, so the loop keeps them in registers.
        final long b0 = first;
        final long b1 = second;
        final boolean twoBytes = pair;
        final int st = step;
        for (int end = to - 8; q <= end; q += st) {
            long w = (long) Swar.LONG_LE.get(data, q);
            long m = Swar.equalLanesApprox(w, b0) & (twoBytes ? Swar.equalLanesApprox(w, b1) >>> 8 : -1L);
            while (m != 0) {
                int start = q + (Long.numberOfTrailingZeros(m) >>> 3) - anchor;
                if (start > last) {
                    return -1;
                }
                if (pattern.matches(data, start)) {
                    return start;
                }
                m &= m - 1;
            }
        }
        for (int s = q - anchor; s <= last; s++) {
            if (pattern.matches(data, s)) {
                return s;
            }
        }
        return -1;
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        // A duplicate shares the content but has its own byte order, so the caller's is untouched.
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int last = to - length;
        int q = from + anchor;
        for (int end = to - 8; q <= end; q += step) {
            long m = candidates(b.getLong(q));
            while (m != 0) {
                int start = q + (Long.numberOfTrailingZeros(m) >>> 3) - anchor;
                if (start > last) {
                    return -1;
                }
                if (pattern.matches(b, start)) {
                    return start;
                }
                m &= m - 1;
            }
        }
        for (int s = q - anchor; s <= last; s++) {
            if (pattern.matches(b, s)) {
                return s;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "SWAR, anchor " + anchor + (pair ? " (pair)" : "");
    }
}

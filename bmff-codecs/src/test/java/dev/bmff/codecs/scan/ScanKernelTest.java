package dev.bmff.codecs.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both kernels of every scanner against the reference, exhaustively: one match planted at every offset
 * of buffers a few vector registers long (so every lane, every register edge and the scalar tail see
 * it), on zeros and on random bytes, in arrays and in direct buffers.
 */
class ScanKernelTest {
    /** Set by the pom's second test run, which adds {@code jdk.incubator.vector}. */
    private static final boolean VECTOR_RUN = Boolean.getBoolean("bmff.test.vector");

    @Test
    void of_usesTheVectorKernel_exactlyWhenTheModuleIsAdded() {
        assertEquals(VECTOR_RUN, PatternScanner.of(BytePattern.H264_AUD).isVectorized());
        assertEquals(VECTOR_RUN, BoxHeaderScanner.ofDefaultTypes().isVectorized());
        assertEquals(false, PatternScanner.scalarOf(BytePattern.H264_AUD).isVectorized());
        assertEquals(false, BoxHeaderScanner.scalarOf(BoxHeaderSignature.defaultTypes()).isVectorized());
    }

    @Test
    void everyScanner_findsAMatchPlantedAtEveryOffset() {
        Random rnd = new Random(42);
        int length = 300;
        for (ScanCase c : ScanCase.all()) {
            for (int fill = 0; fill < 2; fill++) {
                byte[] ground = new byte[length];
                if (fill == 1) {
                    rnd.nextBytes(ground);
                }
                for (int at = 0; at < length; at++) {
                    byte[] data = ground.clone();
                    byte[] m = c.match(rnd);
                    System.arraycopy(m, 0, data, at, Math.min(m.length, length - at));
                    check(c, data, 0, length, "at " + at + " fill " + fill);
                    // A range ending right after the match, and one starting on it.
                    check(c, data, 0, Math.min(length, at + m.length), "to end of match at " + at);
                    check(c, data, at, length, "from " + at);
                }
            }
        }
    }

    private static void check(ScanCase c, byte[] data, int from, int to, String where) {
        int expected = c.reference.find(data, from, to);
        assertEquals(expected, c.fast.find(data, from, to), c.name + " " + where);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        assertEquals(expected, c.fast.find(direct, from, to), c.name + " direct, " + where);
        int next = expected < 0 ? -1 : c.reference.find(data, expected + 1, to);
        assertEquals(next, expected < 0 ? -1 : c.fast.find(data, expected + 1, to), c.name + " next, " + where);
    }

    @Test
    void byteRanges_coverEverySetValue_andSayWhatTheyCover() {
        Random rnd = new Random(7);
        for (int t = 0; t < 500; t++) {
            boolean[] in = new boolean[256];
            int n = rnd.nextInt(5) == 0 ? 256 : rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                in[rnd.nextInt(256)] = true;
            }
            if (n == 256) {
                Arrays.fill(in, true);
            }
            int max = 2 + rnd.nextInt(3);
            ByteRanges r = ByteRanges.cover(in, max);
            assertTrue(r.size() <= max, "at most " + max + " ranges");
            for (int v = 0; v < 256; v++) {
                if (in[v]) {
                    assertTrue(r.contains(v), "value " + v + " covered");
                }
            }
        }
        boolean[] letters = new boolean[256];
        for (int v = 'a'; v <= 'z'; v++) {
            letters[v] = true;
        }
        ByteRanges r = ByteRanges.cover(letters, 2);
        for (int v = 0; v < 256; v++) {
            assertEquals(letters[v], r.contains(v), "exactly a..z, value " + v);
        }
    }
}

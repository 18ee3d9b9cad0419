package dev.bmff.codecs.aac;

import dev.bmff.core.testing.FuzzRegressions;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The length-only scan against the reference walk on hostile input: random bytes under every configuration, and
 * real frames (mono, stereo 256k, 5.1) with flipped bits, cut anywhere, followed by other bytes or at the end of
 * the array. {@code frameLength} gives the same length or the same exception (kind, offset and message), and
 * {@code probe} the same length or 0 ({@link FrameLengthScanTest#same}).
 */
class FrameLengthScanProperties {
    @Property(tries = 1500)
    void randomBytes_sameAsTheReference(@ForAll @Size(max = 4000) byte[] data,
            @ForAll @IntRange(min = 0, max = 12) int frequencyIndex, @ForAll @IntRange(min = 1, max = 7) int config,
            @ForAll @IntRange(min = 0, max = 64) int offset, @ForAll @IntRange(min = 0, max = 64) int cut) {
        int at = Math.min(offset, data.length);
        int available = Math.max(0, data.length - at - cut);
        RawDataBlockParser p = RawDataBlockParser.of(frequencyIndex, config);
        FuzzRegressions.guard(RawDataBlockParserProperties.TARGET, data,
                () -> FrameLengthScanTest.same(p, data, at, available, "random bytes"));
    }

    @Property(tries = 2500)
    void realFramesMutated_sameAsTheReference(@ForAll @IntRange(min = 0, max = 100_000) int frameIndex,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int kind) {
        RawDataBlockParserProperties.Frame f = RawDataBlockParserProperties.FRAMES.get(
                frameIndex % RawDataBlockParserProperties.FRAMES.size());
        Random rnd = new Random(seed);
        byte[] b = f.bytes().clone();
        RawDataBlockParser p = f.parser();
        int offset = 0;
        int available;
        switch (kind) {
            case 0 -> {
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
                b = Arrays.copyOf(b, b.length + rnd.nextInt(40));
                available = b.length;
            }
            case 1 -> {
                b = Arrays.copyOf(b, b.length + 32);
                available = rnd.nextInt(f.bytes().length + 1);
            }
            case 2 -> {
                // in a larger array at an offset, followed by other bytes
                byte[] m = new byte[b.length + 9 + rnd.nextInt(64)];
                rnd.nextBytes(m);
                System.arraycopy(b, 0, m, 9, b.length);
                b = m;
                offset = 9;
                available = m.length - 9 - rnd.nextInt(m.length - 9 + 1);
            }
            case 3 -> {
                // the frame's bytes from a wrong start: what a scanner trying positions sees
                b = Arrays.copyOf(b, b.length + 64);
                offset = 1 + rnd.nextInt(f.bytes().length - 1);
                available = b.length - offset;
            }
            default -> {
                // under another configuration than the frame's
                p = RawDataBlockParser.of(rnd.nextInt(13), 1 + rnd.nextInt(7));
                available = b.length;
            }
        }
        byte[] input = b;
        int at = offset;
        RawDataBlockParser parser = p;
        FuzzRegressions.guard(RawDataBlockParserProperties.TARGET, input,
                () -> FrameLengthScanTest.same(parser, input, at, available, "mutated frame"));
    }
}

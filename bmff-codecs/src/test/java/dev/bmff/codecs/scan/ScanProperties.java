package dev.bmff.codecs.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Fast scanners agree with their byte-by-byte twins everywhere: arrays, buffers, sub-ranges, files. */
class ScanProperties {
    private static final List<ScanCase> CASES = ScanCase.all();

    @Provide
    Arbitrary<ScanCase> cases() {
        return Arbitraries.of(CASES);
    }

    /** Random data from the case's alphabet and random bytes, with matches and near misses planted. */
    static final class Planted {
        final byte[] data;
        final TreeSet<Integer> matches = new TreeSet<>();
        final TreeSet<Integer> nearMisses = new TreeSet<>();

        Planted(ScanCase c, Random rnd, int length, List<Integer> forcedStarts) {
            data = new byte[length];
            int[] alphabet = c.alphabet();
            int mode = rnd.nextInt(3); // pure random, alphabet-heavy, all zeros then plants
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (mode == 2 ? 0 : mode == 1 && rnd.nextInt(4) != 0
                        ? alphabet[rnd.nextInt(alphabet.length)] : rnd.nextInt(256));
            }
            List<Integer> starts = new ArrayList<>(forcedStarts);
            // The very start and end, plus random offsets (so every alignment mod 8 comes up).
            starts.add(0);
            starts.add(length - c.fast.maxLength());
            starts.add(length - 8);
            int n = rnd.nextInt(1 + length / 16);
            for (int i = 0; i < n; i++) {
                starts.add(rnd.nextInt(Math.max(1, length)));
            }
            java.util.Collections.shuffle(starts, rnd);
            boolean[] used = new boolean[length];
            for (int s : starts) {
                boolean miss = rnd.nextInt(3) == 0;
                byte[] b = miss ? c.nearMiss(rnd) : c.match(rnd);
                if (s < 0 || s + b.length > length || anyUsed(used, s, b.length)) {
                    continue;
                }
                System.arraycopy(b, 0, data, s, b.length);
                for (int i = s; i < s + b.length; i++) {
                    used[i] = true;
                }
                (miss ? nearMisses : matches).add(s);
            }
        }

        private static boolean anyUsed(boolean[] used, int s, int n) {
            for (int i = s; i < s + n; i++) {
                if (used[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<Integer> all(SignatureScanner s, byte[] d, int from, int to) {
        return s.findAll(d, from, to).boxed().collect(Collectors.toList());
    }

    private static List<Integer> all(SignatureScanner s, ByteBuffer b, int from, int to) {
        return s.findAll(b, from, to).boxed().collect(Collectors.toList());
    }

    @Property(tries = 1000)
    void fastEqualsReference_onArrays(@ForAll("cases") ScanCase c, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 700) int length) {
        Random rnd = new Random(seed);
        Planted p = new Planted(c, rnd, length, List.of());
        List<Integer> expected = all(c.reference, p.data, 0, length);
        assertEquals(expected, all(c.fast, p.data, 0, length), c.name);
        assertTrue(expected.containsAll(p.matches), "every planted match is found");
        for (int miss : p.nearMisses) {
            assertFalse(expected.contains(miss), "near miss at " + miss + " reported");
        }
        // Sub-ranges: the answer depends only on the bytes inside [from, to).
        for (int k = 0; k < 5; k++) {
            int from = length == 0 ? 0 : rnd.nextInt(length + 1);
            int to = from + rnd.nextInt(length - from + 1);
            assertEquals(all(c.reference, p.data, from, to), all(c.fast, p.data, from, to),
                    c.name + " in [" + from + ", " + to + ")");
            assertEquals(c.reference.find(p.data, from, to), c.fast.find(p.data, from, to));
        }
    }

    @Property(tries = 500)
    void fastEqualsReference_onHeapDirectSlicedAndReadOnlyBuffers(@ForAll("cases") ScanCase c, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 500) int length) {
        Random rnd = new Random(seed);
        Planted p = new Planted(c, rnd, length, List.of());
        List<Integer> expected = all(c.reference, p.data, 0, length);
        int pad = rnd.nextInt(9);
        ByteBuffer direct = ByteBuffer.allocateDirect(length).put(p.data).flip();
        byte[] padded = new byte[length + pad];
        System.arraycopy(p.data, 0, padded, pad, length);
        ByteBuffer sliced = ByteBuffer.wrap(padded).position(pad).slice(); // arrayOffset = pad
        List<ByteBuffer> buffers = List.of(ByteBuffer.wrap(p.data), direct, sliced,
                ByteBuffer.wrap(p.data).asReadOnlyBuffer(), direct.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        for (ByteBuffer b : buffers) {
            int pos = length == 0 ? 0 : rnd.nextInt(length + 1);
            b.position(pos);
            ByteOrder order = b.order();
            assertEquals(expected, all(c.fast, b, 0, length), c.name + " on " + b);
            assertEquals(expected, all(c.reference, b, 0, length), c.name + " reference on " + b);
            assertEquals(pos, b.position(), "position untouched");
            assertEquals(length, b.limit(), "limit untouched");
            assertEquals(order, b.order(), "byte order untouched");
        }
    }

    @Property(tries = 300)
    void channelScanner_findsEachMatchOnce_acrossWindowEdges(@ForAll("cases") ScanCase c, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 2000) int length, @ForAll boolean mapped) throws IOException {
        Random rnd = new Random(seed);
        // Windows up to a few vector registers wide, so the vector loop runs inside them too.
        int window = 2 * c.fast.maxLength() + rnd.nextInt(rnd.nextBoolean() ? 64 : 400);
        int from = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(Math.max(1, length / 4));
        // Matches cut by every window edge, at every split point.
        int stride = window - (c.fast.maxLength() - 1);
        List<Integer> forced = new ArrayList<>();
        for (long edge = from + window; edge < length; edge += stride) {
            forced.add((int) edge - 1 - rnd.nextInt(c.fast.maxLength()));
        }
        Planted p = new Planted(c, rnd, length, forced);
        int to = length - (rnd.nextInt(3) == 0 ? rnd.nextInt(Math.max(1, length - from + 1)) : 0);
        to = Math.max(from, to);
        // Past the end of the file: the scanner stops at the size.
        long scanTo = rnd.nextBoolean() ? to : to == length ? Long.MAX_VALUE : to;
        List<Long> expected = new ArrayList<>();
        all(c.reference, p.data, Math.min(from, length), to).forEach(i -> expected.add((long) i));
        Path dir = Path.of("target", "scan-tmp");
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "scan", ".bin");
        try {
            Files.write(file, p.data);
            ChannelScanner scanner = ChannelScanner.of(c.fast).withWindowSize(window);
            if (mapped) {
                scanner = scanner.mapped();
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ch.position(3);
                List<Long> got = scanner.matches(ch, from, scanTo).boxed().collect(Collectors.toList());
                assertEquals(expected, got, c.name + " window " + window + " from " + from + " to " + to);
                assertEquals(expected.isEmpty() ? -1L : expected.get(0), scanner.find(ch, from, scanTo));
                assertEquals(3, ch.position(), "channel position untouched");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package dev.bmff.codecs.scan;

import dev.bmff.codecs.scan.reference.ReferenceBoxHeaderScanner;
import dev.bmff.codecs.scan.reference.ReferencePatternScanner;
import dev.bmff.core.FourCC;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One signature under test: its fast scanner, its reference twin, and how to write a random match and a
 * random near miss (the signature with one constraint broken) into a buffer.
 */
abstract class ScanCase {
    final String name;
    final SignatureScanner fast;
    final SignatureScanner reference;

    ScanCase(String name, SignatureScanner fast, SignatureScanner reference) {
        this.name = name;
        this.fast = fast;
        this.reference = reference;
    }

    /** Bytes a planted match or near miss at this point occupies, chosen by {@code rnd}. */
    abstract byte[] match(Random rnd);

    abstract byte[] nearMiss(Random rnd);

    /** Bytes that make partial matches likely: the signature's own values, zeros and a few others. */
    abstract int[] alphabet();

    @Override
    public String toString() {
        return name;
    }

    static final Set<FourCC> SMALL_TYPES = Set.of(FourCC.of("moov"), FourCC.of("mdat"), FourCC.of("moof"),
            FourCC.of("avcC"), FourCC.of("free"));

    /** A pattern with a masked byte, like the recovery's length-prefixed NAL start. */
    static final BytePattern MASKED = BytePattern.parse("masked NAL start", "00 00 00 00 00", "ff 00 00 00 80");

    /** A type set with bytes outside letters and a type of four zero bytes. */
    static final Set<FourCC> ODD_TYPES = Set.of(FourCC.of("moov"), new FourCC(0xA96E616D), new FourCC(0),
            new FourCC(0x7F7F7F7F), FourCC.of("A1z~"));

    static final List<BytePattern> PATTERNS = List.of(BytePattern.ANNEX_B_START_CODE, BytePattern.H264_AUD,
            BytePattern.HEVC_AUD, BytePattern.SONY_RTMD, MASKED);

    /**
     * Every signature twice: the scanner {@code of} gives (the vector kernel when the JVM runs with
     * {@code --add-modules jdk.incubator.vector}, see the pom's second test run) and the scalar one.
     */
    static List<ScanCase> all() {
        List<ScanCase> cases = new ArrayList<>();
        for (BytePattern p : PATTERNS) {
            cases.add(new Pattern(p, PatternScanner.of(p), ""));
            cases.add(new Pattern(p, PatternScanner.scalarOf(p), " (scalar)"));
        }
        for (boolean scalar : new boolean[] {false, true}) {
            String tag = scalar ? " (scalar)" : "";
            cases.add(new Box("box header (default types)" + tag, BoxHeaderSignature.defaultTypes(), scalar));
            cases.add(new Box("box header (5 types)" + tag, SMALL_TYPES, scalar));
            cases.add(new Box("box header (odd types)" + tag, ODD_TYPES, scalar));
        }
        return cases;
    }

    static final class Pattern extends ScanCase {
        private final BytePattern p;

        Pattern(BytePattern p, SignatureScanner fast, String tag) {
            super(p.name() + tag, fast, new ReferencePatternScanner(p));
            this.p = p;
        }

        @Override
        byte[] match(Random rnd) {
            byte[] b = new byte[p.length()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (p.valueAt(i) | (rnd.nextInt(256) & ~p.maskAt(i)));
            }
            return b;
        }

        @Override
        byte[] nearMiss(Random rnd) {
            byte[] b = match(rnd);
            int i;
            do {
                i = rnd.nextInt(b.length);
            } while (p.maskAt(i) == 0);
            int bit;
            do {
                bit = 1 << rnd.nextInt(8);
            } while ((p.maskAt(i) & bit) == 0);
            b[i] ^= (byte) bit;
            return b;
        }

        @Override
        int[] alphabet() {
            int[] a = new int[p.length() + 2];
            for (int i = 0; i < p.length(); i++) {
                a[i] = p.valueAt(i);
            }
            a[p.length()] = 0;
            a[p.length() + 1] = 0x30;
            return a;
        }
    }

    static final class Box extends ScanCase {
        private final List<FourCC> types;

        Box(String name, Set<FourCC> types, boolean scalar) {
            super(name, scalar ? BoxHeaderScanner.scalarOf(types) : BoxHeaderScanner.of(types),
                    new ReferenceBoxHeaderScanner(types));
            this.types = List.copyOf(types);
        }

        @Override
        byte[] match(Random rnd) {
            int type = types.get(rnd.nextInt(types.size())).value();
            if (rnd.nextInt(4) == 0) {
                long large = 16 + (rnd.nextBoolean() ? rnd.nextInt(100) : rnd.nextLong() & Long.MAX_VALUE - 16);
                return java.nio.ByteBuffer.allocate(16).putInt(1).putInt(type).putLong(large).array();
            }
            int size = rnd.nextBoolean() ? 8 + rnd.nextInt(100) : 8 + rnd.nextInt(Integer.MAX_VALUE) * 2;
            if (Integer.compareUnsigned(size, 8) < 0) {
                size = -1;
            }
            return java.nio.ByteBuffer.allocate(8).putInt(size).putInt(type).array();
        }

        @Override
        byte[] nearMiss(Random rnd) {
            int type = types.get(rnd.nextInt(types.size())).value();
            switch (rnd.nextInt(3)) {
                case 0:
                    // A size that is too small (0 means "to the end", rejected on purpose).
                    int size = new int[] {0, 2, 3, 4, 5, 6, 7}[rnd.nextInt(7)];
                    return java.nio.ByteBuffer.allocate(8).putInt(size).putInt(type).array();
                case 1:
                    long large = rnd.nextBoolean() ? rnd.nextInt(16) : Long.MIN_VALUE | rnd.nextLong();
                    return java.nio.ByteBuffer.allocate(16).putInt(1).putInt(type).putLong(large).array();
                default:
                    int t;
                    do {
                        t = type ^ (1 << rnd.nextInt(32));
                    } while (types.contains(new FourCC(t)));
                    return java.nio.ByteBuffer.allocate(8).putInt(8 + rnd.nextInt(50)).putInt(t).array();
            }
        }

        @Override
        int[] alphabet() {
            return new int[] {0, 0, 0, 1, 8, 16, 'm', 'o', 'v', 'd', 'a', 't', 'f', 'r', 'e', 'C', 'c'};
        }
    }
}

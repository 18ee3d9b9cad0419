package dev.bmff.codecs.bits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class BitsProperties {
    @Property(tries = 300)
    void expGolomb_writtenThenRead_givesTheSameValues(
            @ForAll @Size(max = 50) List<@LongRange(min = 0, max = 0xFFFF_FFFEL) Long> ues,
            @ForAll @Size(max = 50) List<@IntRange(min = -1_000_000, max = 1_000_000) Integer> ses) throws Exception {
        BitWriter w = new BitWriter();
        ues.forEach(w::ue);
        ses.forEach(w::se);
        BitReader r = new BitReader(w.toByteArray());
        for (long v : ues) {
            assertEquals(v, r.ueLong("ue"));
        }
        for (int v : ses) {
            assertEquals(v, r.se("se"));
        }
    }

    @Property(tries = 300)
    void fixedWidth_writtenThenRead_givesTheSameValues(@ForAll @Size(max = 40) List<@IntRange(min = 1, max = 64) Integer> widths,
            @ForAll long seed) throws Exception {
        BitWriter w = new BitWriter();
        long[] values = new long[widths.size()];
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < values.length; i++) {
            int n = widths.get(i);
            values[i] = n == 64 ? rnd.nextLong() : rnd.nextLong() & ((1L << n) - 1);
            w.u(n, values[i]);
        }
        BitReader r = new BitReader(w.toByteArray());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], r.uLong(widths.get(i), "u"));
        }
    }

    @Property(tries = 500)
    void rbsp_unescapeOfEscape_isIdentity_andEscapedHasNoStartCode(@ForAll @Size(max = 200) byte[] rbsp) {
        byte[] ebsp = Rbsp.escape(rbsp);
        assertArrayEquals(rbsp, Rbsp.unescape(ebsp));
        for (int i = 0; i + 2 < ebsp.length; i++) {
            boolean startCodeLike = ebsp[i] == 0 && ebsp[i + 1] == 0 && (ebsp[i + 2] & 0xFF) <= 2;
            assertEquals(false, startCodeLike, "00 00 0x at " + i);
        }
    }

    /** The plain twin of {@link BitReader}'s word-at-a-time reads: bit {@code i} of {@code data}, MSB first. */
    private static int bitAt(byte[] data, long i) {
        return (data[(int) (i >>> 3)] >>> (7 - (int) (i & 7))) & 1;
    }

    @Property(tries = 1000)
    void uAndPeek_equalReadingBitByBit(@ForAll @Size(max = 24) byte[] data, @ForAll @IntRange(min = 0, max = 8) int offset,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 64) Integer> widths) throws Exception {
        int from = Math.min(offset, data.length);
        int length = data.length - from;
        BitReader r = new BitReader(data, from, length);
        long at = 8L * from;
        long end = 8L * data.length;
        for (int n : widths) {
            int peekBits = Math.min(n, 32);
            long want = 0;
            for (int i = 0; i < peekBits; i++) {
                want = want << 1 | (at + i < end ? bitAt(data, at + i) : 0);
            }
            assertEquals(want, r.peek(peekBits) & 0xFFFF_FFFFL, "peek(" + peekBits + ") at bit " + at);
            if (at + n > end) {
                long before = r.position();
                org.junit.jupiter.api.Assertions.assertThrows(BitstreamException.class, () -> r.uLong(n, "u"));
                assertEquals(before, r.position(), "a failed read consumes nothing");
                continue;
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 1 | bitAt(data, at + i);
            }
            assertEquals(v, r.uLong(n, "u"), "u(" + n + ") at bit " + at);
            at += n;
        }
    }
}

package dev.bmff.codecs.aac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The table-driven AAC decoding against its reference twin: {@link AacCodebooks.Huffman#decodeFast} and the
 * lookup tables against the bit-by-bit tree walk {@link AacCodebooks.Huffman#decode}, the multi-codeword tables
 * against codewords decoded one at a time, and the whole parser ({@code frameLength}, {@code parse}) against
 * {@link RawDataBlockParser#parseWithReferenceDecoder}: same frame, or the same exception with the same message.
 */
class FastHuffmanProperties {
    /** The scalefactor code as book 0, then the spectral books 1 to 11. */
    private static AacCodebooks.Huffman code(int book) {
        return book == 0 ? AacCodebooks.SCALEFACTOR_CODE : AacCodebooks.SPECTRAL[book].code;
    }

    private static int[] entries(int book) {
        return switch (book) {
            case 0 -> AacCodebooks.SCALEFACTOR;
            case 1 -> AacCodebooks.SPECTRAL_1;
            case 2 -> AacCodebooks.SPECTRAL_2;
            case 3 -> AacCodebooks.SPECTRAL_3;
            case 4 -> AacCodebooks.SPECTRAL_4;
            case 5 -> AacCodebooks.SPECTRAL_5;
            case 6 -> AacCodebooks.SPECTRAL_6;
            case 7 -> AacCodebooks.SPECTRAL_7;
            case 8 -> AacCodebooks.SPECTRAL_8;
            case 9 -> AacCodebooks.SPECTRAL_9;
            case 10 -> AacCodebooks.SPECTRAL_10;
            default -> AacCodebooks.SPECTRAL_11;
        };
    }

    /** What one decode gives: the index and the position after it, or the exception's message. */
    private static String decodeOnce(AacCodebooks.Huffman code, BitReader r, boolean fast) {
        try {
            int index = fast ? code.decodeFast(r) : code.decode(r);
            return index + " at " + r.position();
        } catch (BitstreamException e) {
            return "failed: " + e.getMessage();
        }
    }

    @Test
    void everyCodeword_withAnyFollowingBits_looksUpToItsIndexAndLength() {
        Random rnd = new Random(5);
        for (int book = 0; book <= 11; book++) {
            AacCodebooks.Huffman code = code(book);
            int[] entries = entries(book);
            for (int index = 0; index < entries.length; index++) {
                int length = entries[index] >>> 20;
                int codeword = entries[index] & 0xFFFFF;
                for (int t = 0; t < 8; t++) {
                    int rest = code.maxLength - length;
                    int tail = rest == 0 ? 0 : rnd.nextInt(1 << rest);
                    int e = code.lookup(codeword << rest | tail);
                    assertEquals(index << 5 | length, e, "book " + book + " codeword " + index);
                }
            }
        }
    }

    @Property(tries = 3000)
    void decodeFast_equalsTheTreeWalk_anywhere(@ForAll @IntRange(min = 0, max = 11) int book,
            @ForAll @Size(min = 1, max = 12) byte[] data, @ForAll @IntRange(min = 0, max = 95) int startBit,
            @ForAll @IntRange(min = 0, max = 12) int cut) {
        int length = Math.max(0, data.length - Math.min(cut, data.length));
        AacCodebooks.Huffman code = code(book);
        BitReader fast = new BitReader(data, 0, length);
        BitReader reference = new BitReader(data, 0, length);
        long skip = Math.min(startBit, 8L * length);
        try {
            fast.skip(skip, "start");
            reference.skip(skip, "start");
        } catch (BitstreamException e) {
            throw new AssertionError(e);
        }
        // A run of codewords: every one must agree, including the one the end cuts.
        for (int i = 0; i < 40; i++) {
            String want = decodeOnce(code, reference, false);
            assertEquals(want, decodeOnce(code, fast, true), "book " + book + ", codeword " + i);
            if (want.startsWith("failed")) {
                break;
            }
        }
    }

    @Property(tries = 2000)
    void multiCodewordTable_equalsCodewordsDecodedOneByOne(@ForAll @IntRange(min = 1, max = 11) int book,
            @ForAll @IntRange(min = 0, max = 4095) int bits, @ForAll long seed) throws BitstreamException {
        AacCodebooks.Spectral s = AacCodebooks.SPECTRAL[book];
        // The 12 bits, then random bits: what follows must not change the answer.
        byte[] data = new byte[8];
        new Random(seed).nextBytes(data);
        data[0] = (byte) (bits >>> 4);
        data[1] = (byte) ((bits & 15) << 4 | (data[1] & 15));
        BitReader r = new BitReader(data);
        int used = 0;
        int count = 0;
        while (true) {
            long before = r.position();
            int index = s.code.decode(r);
            int total = (int) (r.position() - before) + s.signBits[index];
            if (used + total > AacCodebooks.Spectral.MULTI_BITS || s.escapes[index] != 0) {
                break;
            }
            r.skip(s.signBits[index], "sign_bits");
            used += total;
            count++;
        }
        assertEquals(count << 4 | used, s.multi[bits] & 0xFF, "book " + book + ", bits " + bits);
    }

    private static String parseOnce(RawDataBlockParser p, byte[] data, int offset, int available, boolean fast) {
        try {
            RawDataBlock b = fast ? p.parse(data, offset, available) : p.parseWithReferenceDecoder(data, offset,
                    available);
            if (fast) {
                assertEquals(b.length(), p.frameLength(data, offset, available), "frameLength and parse");
            }
            return b.toString();
        } catch (BitstreamException e) {
            return "failed: " + e.getMessage();
        }
    }

    private static void sameParse(RawDataBlockParser p, byte[] data, int offset, int available) {
        assertEquals(parseOnce(p, data, offset, available, false), parseOnce(p, data, offset, available, true));
    }

    @Property(tries = 1500)
    void parser_equalsTheReferenceDecoder_onRandomBytes(@ForAll @Size(max = 3000) byte[] data,
            @ForAll @IntRange(min = 0, max = 12) int frequencyIndex, @ForAll @IntRange(min = 1, max = 7) int config,
            @ForAll @IntRange(min = 0, max = 64) int offset) {
        int at = Math.min(offset, data.length);
        sameParse(RawDataBlockParser.of(frequencyIndex, config), data, at, data.length - at);
    }

    @Property(tries = 1500)
    void parser_equalsTheReferenceDecoder_onRealFramesMutatedOrCut(
            @ForAll @IntRange(min = 0, max = 100_000) int frameIndex, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3) int kind) {
        RawDataBlockParserProperties.Frame f = RawDataBlockParserProperties.FRAMES.get(
                frameIndex % RawDataBlockParserProperties.FRAMES.size());
        Random rnd = new Random(seed);
        byte[] b = f.bytes().clone();
        switch (kind) {
            case 0 -> {
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
            }
            // cut anywhere: the end of the data falls inside any codeword
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            // followed by other bytes in a larger array, as in the recovery's window
            case 2 -> {
                byte[] m = new byte[b.length + 1 + rnd.nextInt(64)];
                rnd.nextBytes(m);
                System.arraycopy(b, 0, m, 0, b.length);
                sameParse(f.parser(), m, 0, b.length + rnd.nextInt(m.length - b.length + 1));
                return;
            }
            default -> {
                // inside a larger array at an offset, the frame exactly at its end
                byte[] m = new byte[b.length + 9];
                System.arraycopy(b, 0, m, 9, b.length);
                sameParse(f.parser(), m, 9, b.length);
                return;
            }
        }
        sameParse(f.parser(), b, 0, b.length);
    }
}

package dev.bmff.codecs.bits;

/**
 * The two CRCs of the audio frame formats, most significant bit first, initial value 0, no final XOR: CRC-8 with
 * polynomial x^8+x^2+x+1 (0x07, the FLAC frame header) and CRC-16 with x^16+x^15+x^2+1 (0x8005, the FLAC frame
 * and the AC-3/E-AC-3 sync frame). A range that ends with its own CRC gives 0.
 *
 * <pre>{@code
 * boolean headerOk = Crc.crc8(buf, start, headerLength) == (buf[start + headerLength] & 0xFF);
 * boolean frameOk = Crc.crc16(0, buf, start, frameLength) == 0;    // the frame ends with its CRC-16
 * }</pre>
 */
public final class Crc {
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c8 = i;
            int c16 = i << 8;
            for (int k = 0; k < 8; k++) {
                c8 = (c8 & 0x80) != 0 ? ((c8 << 1) ^ 0x07) & 0xFF : (c8 << 1) & 0xFF;
                c16 = (c16 & 0x8000) != 0 ? ((c16 << 1) ^ 0x8005) & 0xFFFF : (c16 << 1) & 0xFFFF;
            }
            CRC8[i] = c8;
            CRC16[i] = c16;
        }
    }

    private Crc() {
    }

    /** CRC-8 (0x07) of {@code length} bytes of {@code b} from {@code offset}. */
    public static int crc8(byte[] b, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = CRC8[(crc ^ b[i]) & 0xFF];
        }
        return crc;
    }

    /** {@code crc} (a CRC-16 of the bytes before) continued over {@code length} bytes of {@code b} from {@code offset}. */
    public static int crc16(int crc, byte[] b, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = crc16(crc, b[i]);
        }
        return crc;
    }

    /** {@code crc} continued over one byte. */
    public static int crc16(int crc, byte b) {
        return ((crc << 8) & 0xFFFF) ^ CRC16[((crc >>> 8) ^ b) & 0xFF];
    }
}

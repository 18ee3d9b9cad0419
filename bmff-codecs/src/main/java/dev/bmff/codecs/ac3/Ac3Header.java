package dev.bmff.codecs.ac3;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The start of an AC-3 sync frame (ETSI TS 102 366 4.4.1, syncinfo and the first fields of bsi): sample rate,
 * frame size, coding mode. The frame size code gives the frame's length.
 *
 * <pre>{@code
 * Ac3Header h = Ac3Header.parse(buf, pos);
 * int next = pos + h.frameLength();
 * }</pre>
 *
 * @param fscod 0 (48 kHz), 1 (44.1 kHz) or 2 (32 kHz)
 * @param frmsizecod 0..37: bitrate and (at 44.1 kHz) one word more
 * @param bsid bitstream identification, 8 for AC-3 (up to 10 read the same way)
 * @param bsmod bitstream mode (main, music and effects, commentary...)
 * @param acmod audio coding mode: 0 (1+1), 1 (1/0 mono), 2 (2/0 stereo) ... 7 (3/2)
 * @param lfeon a low frequency effects channel is present
 */
public record Ac3Header(int fscod, int frmsizecod, int bsid, int bsmod, int acmod, boolean lfeon) {
    /** Bytes {@link #parse} reads: syncinfo (5) and the bsi fields up to lfeon. */
    public static final int LENGTH = 8;
    /** The longest frame: 640 kbit/s at 32 kHz, 1920 words. */
    public static final int MAX_FRAME_LENGTH = 3840;
    /** The 16-bit sync word. */
    public static final int SYNC_WORD = 0x0B77;

    private static final int[] BITRATES_KBPS = {32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
        448, 512, 576, 640};
    static final int[] RATES = {48000, 44100, 32000};
    /** Full-bandwidth channels per acmod. */
    static final int[] CHANNELS = {2, 1, 2, 3, 3, 4, 4, 5};

    /** True when the AC-3/E-AC-3 sync word is at {@code pos}. */
    public static boolean isSync(byte[] b, int pos) {
        return pos >= 0 && pos + 1 < b.length && b[pos] == 0x0B && b[pos + 1] == 0x77;
    }

    /** The bsid of the sync frame at {@code pos} (bits 40..44), which tells AC-3 (up to 10) from E-AC-3 (11..16). */
    public static int bsid(byte[] b, int pos) {
        return (b[pos + 5] & 0xFF) >>> 3;
    }

    /** Parses the header at {@code pos}; the offsets of its exceptions count from there. */
    public static Ac3Header parse(byte[] b, int pos) throws BitstreamException {
        if (pos < 0 || pos > b.length - LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "syncinfo: needs " + LENGTH + " bytes, "
                    + Math.max(0, b.length - Math.max(pos, 0)) + " left");
        }
        if (!isSync(b, pos)) {
            throw new BitstreamException(Kind.WRONG_TYPE, 0, "syncword: no AC-3 sync word");
        }
        BitReader r = new BitReader(b, pos, LENGTH);
        r.skip(32, "syncword, crc1");
        int fscod = r.u(2, "fscod");
        if (fscod == 3) {
            throw new BitstreamException(Kind.RESERVED, 32, "fscod: 11 is reserved");
        }
        int frmsizecod = r.u(6, "frmsizecod");
        if (frmsizecod > 37) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 34, "frmsizecod: " + frmsizecod + " > 37");
        }
        int bsid = r.u(5, "bsid");
        if (bsid > 10) {
            throw new BitstreamException(Kind.WRONG_TYPE, 40, "bsid: " + bsid + " is not AC-3 (E-AC-3 is 11..16)");
        }
        int bsmod = r.u(3, "bsmod");
        int acmod = r.u(3, "acmod");
        if ((acmod & 1) != 0 && acmod != 1) {
            r.skip(2, "cmixlev");
        }
        if ((acmod & 4) != 0) {
            r.skip(2, "surmixlev");
        }
        if (acmod == 2) {
            r.skip(2, "dsurmod");
        }
        boolean lfeon = r.flag("lfeon");
        return new Ac3Header(fscod, frmsizecod, bsid, bsmod, acmod, lfeon);
    }

    /** Bits per second. */
    public int bitrate() {
        return BITRATES_KBPS[frmsizecod >>> 1] * 1000;
    }

    /** Hz. */
    public int sampleRate() {
        return RATES[fscod];
    }

    /** Bytes of the frame: 2 x the frame size in 16-bit words of Table 4.13. */
    public int frameLength() {
        int kbps = BITRATES_KBPS[frmsizecod >>> 1];
        int words = switch (fscod) {
            case 0 -> kbps * 2;
            case 1 -> kbps * 96000 / 44100 + (frmsizecod & 1);
            default -> kbps * 3;
        };
        return 2 * words;
    }

    /** Channels, the LFE channel counted. */
    public int channels() {
        return CHANNELS[acmod] + (lfeon ? 1 : 0);
    }

    /**
     * Whether the frame of {@code length} bytes at {@code pos} passes its CRC check: crc1 and crc2 make the CRC-16 of
     * everything after the sync word 0 (ETSI TS 102 366 7.10.1; E-AC-3 frames end with one CRC that does the same).
     */
    public static boolean crcOk(byte[] b, int pos, int length) {
        return length > 4 && pos >= 0 && pos <= b.length - length
                && dev.bmff.codecs.bits.Crc.crc16(0, b, pos + 2, length - 2) == 0;
    }
}

package dev.bmff.codecs.ac3;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The start of an E-AC-3 sync frame (ETSI TS 102 366 E.1.2.1-2, syncinfo and the first fields of bsi): which
 * substream it carries, its length ({@code frmsiz}), blocks, sample rate and coding mode.
 *
 * <pre>{@code
 * Eac3Header h = Eac3Header.parse(buf, pos);
 * boolean startsSample = h.strmtyp() != Eac3Header.DEPENDENT && h.substreamid() == 0;
 * }</pre>
 *
 * @param strmtyp 0 independent, 1 dependent, 2 independent (converted from AC-3)
 * @param substreamid 0..7
 * @param frmsiz frame size in 16-bit words minus 1
 * @param fscod 0..2, or 3 when {@code fscod2} gives a half rate
 * @param fscod2 with fscod 3: 0 (24 kHz), 1 (22.05 kHz), 2 (16 kHz); -1 otherwise
 * @param numblkscod 0..3: 1, 2, 3 or 6 audio blocks
 * @param acmod audio coding mode
 * @param lfeon a low frequency effects channel is present
 * @param bsid 11..16 (16 for E-AC-3)
 */
public record Eac3Header(int strmtyp, int substreamid, int frmsiz, int fscod, int fscod2, int numblkscod, int acmod,
        boolean lfeon, int bsid) {
    /** Bytes {@link #parse} reads. */
    public static final int LENGTH = 6;
    /** The longest frame: 2048 words. */
    public static final int MAX_FRAME_LENGTH = 4096;
    /** strmtyp of a dependent substream's frame. */
    public static final int DEPENDENT = 1;

    private static final int[] BLOCKS = {1, 2, 3, 6};

    /** Parses the header at {@code pos}; the offsets of its exceptions count from there. */
    public static Eac3Header parse(byte[] b, int pos) throws BitstreamException {
        if (pos < 0 || pos > b.length - LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "syncinfo: needs " + LENGTH + " bytes, "
                    + Math.max(0, b.length - Math.max(pos, 0)) + " left");
        }
        if (!Ac3Header.isSync(b, pos)) {
            throw new BitstreamException(Kind.WRONG_TYPE, 0, "syncword: no E-AC-3 sync word");
        }
        BitReader r = new BitReader(b, pos, LENGTH);
        r.skip(16, "syncword");
        int strmtyp = r.u(2, "strmtyp");
        if (strmtyp == 3) {
            throw new BitstreamException(Kind.RESERVED, 16, "strmtyp: 3 is reserved");
        }
        int substreamid = r.u(3, "substreamid");
        int frmsiz = r.u(11, "frmsiz");
        if (frmsiz < 2) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 21, "frmsiz: " + frmsiz + " words is shorter than a header");
        }
        int fscod = r.u(2, "fscod");
        int fscod2 = -1;
        int numblkscod;
        if (fscod == 3) {
            fscod2 = r.u(2, "fscod2");
            if (fscod2 == 3) {
                throw new BitstreamException(Kind.RESERVED, 34, "fscod2: 11 is reserved");
            }
            numblkscod = 3;
        } else {
            numblkscod = r.u(2, "numblkscod");
        }
        int acmod = r.u(3, "acmod");
        boolean lfeon = r.flag("lfeon");
        int bsid = r.u(5, "bsid");
        if (bsid < 11 || bsid > 16) {
            throw new BitstreamException(Kind.WRONG_TYPE, 40, "bsid: " + bsid + " is not E-AC-3 (11..16)");
        }
        return new Eac3Header(strmtyp, substreamid, frmsiz, fscod, fscod2, numblkscod, acmod, lfeon, bsid);
    }

    /** Bytes of the frame. */
    public int frameLength() {
        return (frmsiz + 1) * 2;
    }

    /** Audio blocks of 256 samples in the frame. */
    public int blocks() {
        return BLOCKS[numblkscod];
    }

    /** Hz. */
    public int sampleRate() {
        return fscod == 3 ? Ac3Header.RATES[fscod2] / 2 : Ac3Header.RATES[fscod];
    }

    /** Channels of this substream, the LFE channel counted. */
    public int channels() {
        return Ac3Header.CHANNELS[acmod] + (lfeon ? 1 : 0);
    }

    /** Whether this frame starts an MP4 sample: independent substream 0. */
    public boolean startsSample() {
        return strmtyp != DEPENDENT && substreamid == 0;
    }

    /** Bits per second the frame's size makes at its rate. */
    public int bitrate() {
        return (int) ((long) frameLength() * 8 * sampleRate() / (256L * blocks()));
    }
}

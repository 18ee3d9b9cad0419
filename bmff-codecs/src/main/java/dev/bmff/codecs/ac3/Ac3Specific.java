package dev.bmff.codecs.ac3;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The payload of a {@code dac3} box, the AC3SpecificBox of an {@code ac-3} sample entry (ETSI TS 102 366 F.4): the
 * stream's rate, mode and bitrate, which are those of every sync frame's header.
 *
 * <pre>{@code
 * Ac3Specific dac3 = Ac3Specific.of(Ac3Header.parse(firstFrame, 0));
 * byte[] payload = dac3.toBytes();
 * }</pre>
 *
 * @param fscod as the frames' fscod
 * @param bsid as the frames' bsid
 * @param bsmod as the frames' bsmod
 * @param acmod as the frames' acmod
 * @param lfeon as the frames' lfeon
 * @param bitRateCode frmsizecod / 2: 0 (32 kbit/s) .. 18 (640 kbit/s)
 */
public record Ac3Specific(int fscod, int bsid, int bsmod, int acmod, boolean lfeon, int bitRateCode) {
    /** Bytes of the payload. */
    public static final int LENGTH = 3;

    /** What a stream whose frames have {@code h}'s header gives. */
    public static Ac3Specific of(Ac3Header h) {
        return new Ac3Specific(h.fscod(), h.bsid(), h.bsmod(), h.acmod(), h.lfeon(), h.frmsizecod() >>> 1);
    }

    /** Parses a {@code dac3} payload; offsets count from its first byte. */
    public static Ac3Specific parse(byte[] payload) throws BitstreamException {
        if (payload.length < LENGTH) {
            throw new BitstreamException(Kind.TRUNCATED, 0, "dac3: 3 bytes needed, " + payload.length + " given");
        }
        BitReader r = new BitReader(payload, 0, LENGTH);
        int fscod = r.u(2, "fscod");
        if (fscod == 3) {
            throw new BitstreamException(Kind.RESERVED, 0, "fscod: 11 is reserved");
        }
        int bsid = r.u(5, "bsid");
        int bsmod = r.u(3, "bsmod");
        int acmod = r.u(3, "acmod");
        boolean lfeon = r.flag("lfeon");
        int code = r.u(5, "bit_rate_code");
        if (code > 18) {
            throw new BitstreamException(Kind.OUT_OF_RANGE, 14, "bit_rate_code: " + code + " > 18");
        }
        return new Ac3Specific(fscod, bsid, bsmod, acmod, lfeon, code);
    }

    /** The {@code dac3} payload. */
    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        w.u(2, fscod);
        w.u(5, bsid);
        w.u(3, bsmod);
        w.u(3, acmod);
        w.u(1, lfeon ? 1 : 0);
        w.u(5, bitRateCode);
        w.u(5, 0);
        return w.toByteArray();
    }

    /** Hz. */
    public int sampleRate() {
        return Ac3Header.RATES[fscod];
    }

    /** Channels, the LFE channel counted. */
    public int channels() {
        return Ac3Header.CHANNELS[acmod] + (lfeon ? 1 : 0);
    }

    /** Bits per second. */
    public int bitrate() {
        return new Ac3Header(fscod, bitRateCode * 2, bsid, bsmod, acmod, lfeon).bitrate();
    }
}

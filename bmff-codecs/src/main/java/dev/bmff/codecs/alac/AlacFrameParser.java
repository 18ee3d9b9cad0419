package dev.bmff.codecs.alac;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The exact length of one ALAC frame, found by walking its syntax (the element headers, predictor tables and the
 * adaptive Golomb coded residuals, skipped without reconstructing audio) to the END element; or a
 * {@link BitstreamException} when the bytes cannot be a frame of the stream: an element the channel layout does not
 * have, unused header bits set, a sample count above the frame length, a zero run past the frame, a non-zero bit
 * after END. ALAC frames carry no length and no sync word, so this is what tells them apart in raw media data.
 *
 * <pre>{@code
 * AlacFrameParser p = new AlacFrameParser(AlacConfig.parse(cookie));
 * int length = p.frameLength(buf, pos, buf.length - pos);
 * }</pre>
 */
public final class AlacFrameParser {
    /** Element tags (ALAC specification, "ALAC bitstream"). */
    private static final int SCE = 0;
    private static final int CPE = 1;
    private static final int LFE = 3;
    private static final int END = 7;
    /** The elements of a frame for 1 to 8 channels, in order (the ALAC channel layouts). */
    private static final int[][] LAYOUTS = {
        {SCE}, {CPE}, {SCE, CPE}, {SCE, CPE, SCE}, {SCE, CPE, CPE}, {SCE, CPE, CPE, LFE}, {SCE, CPE, CPE, SCE, LFE},
        {SCE, CPE, CPE, CPE, LFE},
    };

    private final AlacConfig config;

    public AlacFrameParser(AlacConfig config) {
        this.config = config;
    }

    /** The configuration. */
    public AlacConfig config() {
        return config;
    }

    /**
     * The most bytes a frame of the stream can have: every sample stored uncompressed, with element headers; or the
     * cookie's maxFrameBytes when that is larger.
     */
    public int maxFrameLength() {
        long verbatim = config.frameLength() * config.channels() * config.bitDepth() / 8 + 8L * LAYOUTS[
                config.channels() - 1].length + 8;
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(verbatim, config.maxFrameBytes()));
    }

    /**
     * A cheap test of the first 3 bytes at {@code i} ({@code i + 2} must be in {@code b}): the first element's tag
     * and the 12 unused header bits, which are 0 in every frame. A frame passes; most other bytes do not.
     */
    public boolean mayStartAt(byte[] b, int i) {
        int first = LAYOUTS[config.channels() - 1][0];
        return ((b[i] & 0xFF) >>> 5) == first && (b[i] & 1) == 0 && b[i + 1] == 0 && (b[i + 2] & 0xE0) == 0;
    }

    /**
     * The length in bytes of the frame at {@code offset}, within {@code available} bytes; exception offsets count
     * bits from {@code offset}.
     */
    public int frameLength(byte[] b, int offset, int available) throws BitstreamException {
        BitReader r = new BitReader(b, offset, Math.max(0, Math.min(available, b.length - offset)));
        int[] layout = LAYOUTS[config.channels() - 1];
        for (int element : layout) {
            long at = r.position();
            int tag = r.u(3, "element tag");
            if (tag != element) {
                throw r.error(tag == END ? Kind.INVALID : Kind.WRONG_TYPE, at, "element tag: " + tag + ", the "
                        + config.channels() + "-channel layout has " + element + " here");
            }
            element(r, element == CPE ? 2 : 1);
        }
        long at = r.position();
        int tag = r.u(3, "element tag");
        if (tag != END) {
            throw r.error(Kind.WRONG_TYPE, at, "element tag: " + tag + " where END ends the frame");
        }
        int pad = (int) ((8 - (r.position() & 7)) & 7);
        if (r.u(pad, "byte alignment") != 0) {
            throw r.error(Kind.INVALID, r.position() - pad, "byte alignment: non-zero bits after END");
        }
        return (int) (r.position() >>> 3);
    }

    private void element(BitReader r, int channels) throws BitstreamException {
        r.skip(4, "element instance tag");
        long at = r.position();
        if (r.u(12, "unused header bits") != 0) {
            throw r.error(Kind.RESERVED, at, "unused header bits: not 0");
        }
        boolean hasSize = r.flag("partial frame");
        int shift = r.u(2, "bytes shifted");
        boolean uncompressed = r.flag("escape");
        long samples = config.frameLength();
        if (hasSize) {
            at = r.position();
            samples = r.uLong(32, "number of samples");
            if (samples == 0 || samples > config.frameLength()) {
                throw r.error(Kind.OUT_OF_RANGE, at, "number of samples: " + samples + " (1.." + config.frameLength()
                        + ")");
            }
        }
        int extraBits = shift * 8;
        int bps = config.bitDepth() - extraBits + channels - 1;
        if (bps > 32 || extraBits >= config.bitDepth()) {
            throw r.error(Kind.OUT_OF_RANGE, r.position() - 3, "bytes shifted: " + shift + " for " + config.bitDepth()
                    + "-bit samples");
        }
        if (uncompressed) {
            r.skip(samples * channels * config.bitDepth(), "uncompressed samples");
            return;
        }
        at = r.position();
        int mixBits = r.u(8, "mixBits");
        int mixRes = r.u(8, "mixRes");
        if (channels == 2 && mixRes != 0 && mixBits > 31) {
            throw r.error(Kind.OUT_OF_RANGE, at, "mixBits: " + mixBits);
        }
        int[] multipliers = new int[channels];
        for (int ch = 0; ch < channels; ch++) {
            at = r.position();
            int mode = r.u(4, "prediction type");
            if (mode != 0 && mode != 15) {
                throw r.error(Kind.UNSUPPORTED, at, "prediction type: " + mode);
            }
            int quant = r.u(4, "prediction quantization");
            int pbFactor = r.u(3, "rice modifier");
            int order = r.u(5, "predictor order");
            if (quant == 0) {
                throw r.error(Kind.OUT_OF_RANGE, at + 4, "prediction quantization: 0");
            }
            r.skip(16L * order, "predictor coefficients");
            multipliers[ch] = pbFactor * config.pb() / 4;
        }
        if (extraBits > 0) {
            r.skip(samples * channels * extraBits, "shifted bits");
        }
        for (int ch = 0; ch < channels; ch++) {
            residuals(r, samples, bps, multipliers[ch]);
        }
    }

    /** Skips the adaptive Golomb coded residuals of one channel (dyn_decomp / ffmpeg's rice_decompress). */
    private void residuals(BitReader r, long samples, int bps, int multiplier) throws BitstreamException {
        long history = config.mb();
        int signModifier = 0;
        int limit = config.kb();
        for (long i = 0; i < samples; i++) {
            int k = Math.min(log2((history >>> 9) + 3), limit);
            long x = scalar(r, k, bps) + signModifier;
            signModifier = 0;
            if (x > 0xFFFF) {
                history = 0xFFFF;
            } else {
                history += x * multiplier - ((history * multiplier) >> 9);
            }
            if (history < 128 && i + 1 < samples) {
                int kz = Math.min(7 - log2(history) + (int) ((history + 16) >> 6), limit);
                long at = r.position();
                long zeros = scalar(r, kz, 16);
                if (zeros > 0) {
                    if (zeros >= samples - i) {
                        throw r.error(Kind.OUT_OF_RANGE, at, "zero run: " + zeros + " samples, " + (samples - i - 1)
                                + " left");
                    }
                    i += zeros;
                }
                if (zeros <= 0xFFFF) {
                    signModifier = 1;
                }
                history = 0;
            }
        }
    }

    private static int log2(long v) {
        return v <= 0 ? 0 : 63 - Long.numberOfLeadingZeros(v);
    }

    /** One adaptive Golomb value: up to 8 ones and a zero, then k (or k - 1) bits; 9 ones escape to a bps-bit value. */
    private static long scalar(BitReader r, int k, int bps) throws BitstreamException {
        int ones = 0;
        while (ones < 9 && r.flag("unary prefix")) {
            ones++;
        }
        if (ones > 8) {
            return r.uLong(bps, "escaped value");
        }
        long x = ones;
        if (k != 1) {
            int extra = r.peek(k);
            x = (x << k) - x;
            if (extra > 1) {
                x += extra - 1;
                r.skip(k, "suffix");
            } else {
                // A suffix of 0 or 1 is k - 1 bits: its last bit belongs to the next value.
                r.skip(k - 1, "suffix");
            }
        }
        return x;
    }
}

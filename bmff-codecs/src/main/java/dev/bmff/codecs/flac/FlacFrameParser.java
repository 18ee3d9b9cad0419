package dev.bmff.codecs.flac;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.bits.Crc;

/**
 * The exact length of one FLAC frame of a stream (RFC 9639 9): its header (sync code, CRC-8), each channel's subframe
 * (constant, verbatim, fixed or LPC prediction, and the Rice-coded residual, skipped without decoding audio), the
 * zero padding to a byte and the CRC-16, which must make the CRC of the whole frame 0. So a length this gives is
 * checked twice: by the syntax, which ends exactly where the frame's bits end, and by the CRC over all of it.
 *
 * <pre>{@code
 * FlacFrameParser p = new FlacFrameParser(StreamInfo.parseDfLa(dfLa));
 * int length = p.frameLength(buf, pos, buf.length - pos);
 * }</pre>
 */
public final class FlacFrameParser {
    private final StreamInfo streamInfo;

    public FlacFrameParser(StreamInfo streamInfo) {
        this.streamInfo = streamInfo;
    }

    /** The stream's STREAMINFO. */
    public StreamInfo streamInfo() {
        return streamInfo;
    }

    /** The most bytes a frame of the stream can take: every subframe verbatim. */
    public int maxFrameLength() {
        return Math.max(streamInfo.maxFrameSize(), streamInfo.worstCaseFrameSize());
    }

    /**
     * The length in bytes of the frame at {@code offset}, within {@code available} bytes; exception offsets count bits
     * from {@code offset}.
     *
     * @throws BitstreamException when the bytes are no complete frame of the stream (kind {@link Kind#TRUNCATED} when
     *     they end first; {@link Kind#INVALID} for a CRC that does not check out)
     */
    public int frameLength(byte[] b, int offset, int available) throws BitstreamException {
        int length = Math.max(0, Math.min(available, b.length - offset));
        FlacFrameHeader h = FlacFrameHeader.parse(b, offset, length);
        if (!h.fits(streamInfo)) {
            throw new BitstreamException(Kind.INVALID, 0, "frame header: " + h + " is not of the stream " + streamInfo);
        }
        BitReader r = new BitReader(b, offset, length);
        r.skip(8L * h.length(), "frame header");
        int bits = h.bitsPerSample() > 0 ? h.bitsPerSample() : streamInfo.bitsPerSample();
        int channels = h.channels();
        for (int ch = 0; ch < channels; ch++) {
            boolean side = (h.channelAssignment() == 8 && ch == 1) || (h.channelAssignment() == 9 && ch == 0)
                    || (h.channelAssignment() == 10 && ch == 1);
            subframe(r, h.blockSize(), bits + (side ? 1 : 0));
        }
        int pad = (int) ((8 - (r.position() & 7)) & 7);
        long at = r.position();
        if (r.u(pad, "byte alignment") != 0) {
            throw r.error(Kind.INVALID, at, "byte alignment: non-zero padding");
        }
        r.skip(16, "CRC-16");
        int n = (int) (r.position() >>> 3);
        if (Crc.crc16(0, b, offset, n) != 0) {
            throw r.error(Kind.INVALID, r.position() - 16, "CRC-16: the frame's bytes do not give its CRC");
        }
        return n;
    }

    private static void subframe(BitReader r, int blockSize, int bits) throws BitstreamException {
        long at = r.position();
        if (r.flag("subframe zero bit")) {
            throw r.error(Kind.RESERVED, at, "subframe header: the first bit is 1");
        }
        int type = r.u(6, "subframe type");
        if (r.flag("wasted bits flag")) {
            int k = 1;
            while (!r.flag("wasted bits")) {
                k++;
                if (k >= bits) {
                    throw r.error(Kind.OUT_OF_RANGE, at + 8, "wasted bits: " + k + " of " + bits);
                }
            }
            bits -= k;
        }
        if (bits < 1 || bits > 33) {
            throw r.error(Kind.OUT_OF_RANGE, at, "sample size: " + bits + " bits");
        }
        if (type == 0) {
            r.skip(bits, "constant value");
        } else if (type == 1) {
            r.skip((long) blockSize * bits, "verbatim samples");
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            warmUp(r, order, blockSize, bits, at);
            residual(r, blockSize, order);
        } else if (type >= 32) {
            int order = type - 31;
            warmUp(r, order, blockSize, bits, at);
            long p = r.position();
            int precision = r.u(4, "coefficient precision") + 1;
            if (precision == 16) {
                throw r.error(Kind.RESERVED, p, "coefficient precision: 1111 is forbidden");
            }
            r.skip(5, "prediction shift");
            r.skip((long) order * precision, "predictor coefficients");
            residual(r, blockSize, order);
        } else {
            throw r.error(Kind.RESERVED, at + 1, "subframe type: " + type + " is reserved");
        }
    }

    private static void warmUp(BitReader r, int order, int blockSize, int bits, long at) throws BitstreamException {
        if (order > blockSize) {
            throw r.error(Kind.OUT_OF_RANGE, at + 1, "predictor order " + order + " above the block of " + blockSize);
        }
        r.skip((long) order * bits, "warm-up samples");
    }

    /** Skips a partitioned Rice-coded residual of {@code blockSize - order} values. */
    private static void residual(BitReader r, int blockSize, int order) throws BitstreamException {
        long at = r.position();
        int method = r.u(2, "residual coding method");
        if (method > 1) {
            throw r.error(Kind.RESERVED, at, "residual coding method: " + method + " is reserved");
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = (1 << paramBits) - 1;
        int partitionOrder = r.u(4, "partition order");
        int partitions = 1 << partitionOrder;
        if (blockSize % partitions != 0 || (blockSize >> partitionOrder) < order) {
            throw r.error(Kind.INVALID, at + 2, "partition order " + partitionOrder + " for a block of " + blockSize
                    + " and predictor order " + order);
        }
        for (int part = 0; part < partitions; part++) {
            int samples = (blockSize >> partitionOrder) - (part == 0 ? order : 0);
            int param = r.u(paramBits, "Rice parameter");
            if (param == escape) {
                int raw = r.u(5, "escaped sample size");
                r.skip((long) samples * raw, "escaped residual");
                continue;
            }
            for (int i = 0; i < samples; i++) {
                while (!r.flag("Rice quotient")) {
                    // the quotient's zeros: only their count, not needed to skip
                }
                r.skip(param, "Rice remainder");
            }
        }
    }
}

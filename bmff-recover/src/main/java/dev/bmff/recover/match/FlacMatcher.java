package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.flac.FlacFrameHeader;
import dev.bmff.codecs.flac.FlacFrameParser;

/**
 * FLAC frames: {@link FlacFrameParser} walks a frame from its header (sync code, CRC-8, the stream's channels, rate
 * and sample size) through its subframes to the CRC-16 that ends it, and the CRC must check out over the whole frame:
 * the boundaries are exact, and need no confirmation by what follows, so the frame before damaged bytes is kept too.
 *
 * <pre>{@code
 * SampleMatcher m = new FlacMatcher(new FlacFrameParser(StreamInfo.parseDfLa(dfLa)));
 * }</pre>
 */
public final class FlacMatcher extends FrameLengthMatcher {
    private final FlacFrameParser parser;

    public FlacMatcher(FlacFrameParser parser) {
        super(Math.min(MediaWindow.MAX_REQUEST, parser.maxFrameLength()));
        this.parser = parser;
    }

    @Override
    protected int parse(byte[] b, int offset, int available) {
        if (!FlacFrameHeader.isSync(b, offset)) {
            return 0;
        }
        try {
            return parser.frameLength(b, offset, available);
        } catch (BitstreamException notAFrame) {
            return 0;
        }
    }

    @Override
    protected boolean checked() {
        return true;
    }

    @Override
    public int quickCheckBytes() {
        return 2;
    }

    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (FlacFrameHeader.isSync(data, i)) {
                return i;
            }
        }
        return -1;
    }
}

package dev.bmff.recover.match;

import dev.bmff.codecs.alac.AlacFrameParser;
import dev.bmff.codecs.bits.BitstreamException;

/**
 * ALAC frames: no sync word and no length, but {@link AlacFrameParser} walks a frame's syntax to its END element and
 * so gives its exact length, or rejects bytes that cannot be a frame of the stream; what follows confirms it
 * ({@link FrameLengthMatcher}). The cheap test of the first element's tag and unused bits skips unrecognized data.
 *
 * <pre>{@code
 * SampleMatcher m = new AlacMatcher(new AlacFrameParser(AlacConfig.parse(cookie)));
 * }</pre>
 */
public final class AlacMatcher extends FrameLengthMatcher {
    private final AlacFrameParser parser;

    public AlacMatcher(AlacFrameParser parser) {
        super(parser.maxFrameLength());
        this.parser = parser;
    }

    @Override
    protected int parse(byte[] b, int offset, int available) {
        if (available < 3 || !parser.mayStartAt(b, offset)) {
            return 0;
        }
        try {
            return parser.frameLength(b, offset, available);
        } catch (BitstreamException notAFrame) {
            return 0;
        }
    }

    @Override
    public int quickCheckBytes() {
        return 3;
    }

    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (parser.mayStartAt(data, i)) {
                return i;
            }
        }
        return -1;
    }
}

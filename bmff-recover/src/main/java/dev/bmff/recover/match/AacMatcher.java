package dev.bmff.recover.match;

import dev.bmff.codecs.aac.RawDataBlockParser;

/**
 * Raw AAC frames (mp4a): the frame parser gives the exact length. It accepts about 1 in 40,000 random
 * positions, so a frame is only taken when what follows confirms it ({@link FrameLengthMatcher}).
 *
 * <pre>{@code
 * SampleMatcher m = new AacMatcher(RawDataBlockParser.of(asc));
 * SampleMatcher shared = new AacMatcher(RawDataBlockParser.of(asc), lengthsFromAnotherThread);
 * }</pre>
 */
public final class AacMatcher extends FrameLengthMatcher {
    private final RawDataBlockParser parser;

    public AacMatcher(RawDataBlockParser parser) {
        this(parser, FrameLengths.NONE);
    }

    /** A matcher that asks {@code lengths} before it parses a frame, and tells it what it parsed. */
    public AacMatcher(RawDataBlockParser parser, FrameLengths lengths) {
        super(parser.maxFrameLength(), lengths);
        this.parser = parser;
    }

    @Override
    protected int parse(byte[] b, int offset, int available) {
        try {
            // 0: not a frame (or one cut by the end of the data), without the cost of an exception.
            return parser.probe(b, offset, available);
        } catch (IndexOutOfBoundsException e) {
            return 0;
        }
    }
}

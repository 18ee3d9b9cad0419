package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.prores.ProResFrameHeader;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import java.io.IOException;

/**
 * ProRes: every frame starts with its size and {@code icpf}, so a sample's boundaries are exact. A frame is taken
 * where its header parses with the reference's picture size and chroma format and its size fits the data; every
 * frame is a sync sample. A frame the end of the data cuts is not taken (the walk reports it as cut).
 *
 * <pre>{@code
 * SampleMatcher m = new ProResMatcher(1920, 1080, 2, 64 << 20);
 * }</pre>
 */
public final class ProResMatcher implements SampleMatcher {
    private static final PatternScanner FRAME = PatternScanner.of(BytePattern.PRORES_FRAME);

    private final int width;
    private final int height;
    private final int chromaFormat;
    private final long maxFrame;
    private long frames;

    /**
     * @param width the reference's picture width
     * @param height its height
     * @param chromaFormat its chroma_format (2 or 3)
     * @param maxFrame the largest frame believed
     */
    public ProResMatcher(int width, int height, int chromaFormat, long maxFrame) {
        this.width = width;
        this.height = height;
        this.chromaFormat = chromaFormat;
        this.maxFrame = maxFrame;
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        long size = frameSize(w, pos);
        if (size <= 0 || pos + size > w.end()) {
            return null;
        }
        // Picture order is decode order: every frame is a keyframe.
        return new Match(size, true, 1, frames, 0, null);
    }

    @Override
    public Match commit(Match candidate) {
        frames++;
        return candidate;
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        return frameSize(w, pos) > 0;
    }

    /** The size of the frame whose header is at {@code pos}, or 0 when none of the reference's kind is there. */
    private long frameSize(MediaWindow w, long pos) throws IOException {
        int n = w.ensure(pos, ProResFrameHeader.MIN_BYTES);
        if (n < ProResFrameHeader.MIN_BYTES || !ProResFrameHeader.hasIdentifier(w.array(), w.index(pos))) {
            return 0;
        }
        try {
            ProResFrameHeader h = ProResFrameHeader.parse(w.array(), w.index(pos), n);
            boolean same = h.width() == width && h.height() == height && h.chromaFormat() == chromaFormat;
            return same && h.frameSize() <= maxFrame ? h.frameSize() : 0;
        } catch (BitstreamException e) {
            return 0;
        }
    }

    @Override
    public int quickCheckBytes() {
        return 8;
    }

    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        int c = FRAME.find(data, from, to - 1 + quickCheckBytes());
        return c >= 0 && c < to ? c : -1;
    }

    @Override
    public boolean isStrong() {
        return true;
    }
}

package dev.bmff.recover.match;

import dev.bmff.codecs.sync.SyncFrameSyntax;
import java.io.IOException;

/**
 * MP3, AC-3 and E-AC-3 samples: the sync word and the frame header give the length ({@link SyncFrameSyntax}); AC-3
 * and E-AC-3 frames are then checked by their CRC, MP3 frames by what follows ({@link FrameLengthMatcher}). A frame
 * header the end of the data cuts still starts a sample, so the sample before it ends there.
 *
 * <pre>{@code
 * SampleMatcher m = new SyncFrameMatcher(MpegAudioSyntax.of(firstHeader));
 * }</pre>
 */
public final class SyncFrameMatcher extends FrameLengthMatcher {
    private final SyncFrameSyntax syntax;

    public SyncFrameMatcher(SyncFrameSyntax syntax) {
        super(syntax.maxSampleBytes());
        this.syntax = syntax;
    }

    @Override
    protected int parse(byte[] b, int offset, int available) {
        int n = syntax.sampleLength(b, offset, available);
        return n == SyncFrameSyntax.NOT_A_FRAME ? 0 : n;
    }

    @Override
    protected boolean checked() {
        return syntax.checked();
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        if (super.startsHere(w, pos)) {
            return true;
        }
        // A frame the end of the data cuts: its header is there, the rest is not.
        int available = w.ensure(pos, maxFrameLength());
        return pos + available == w.end() && available < maxFrameLength()
                && syntax.headerAt(w.array(), w.index(pos), available);
    }

    @Override
    public int quickCheckBytes() {
        return syntax.headerBytes();
    }

    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        int bytes = syntax.headerBytes();
        for (int i = from; i < to; i++) {
            if (syntax.headerAt(data, i, bytes)) {
                return i;
            }
        }
        return -1;
    }
}

package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.Crc;
import dev.bmff.codecs.flac.FlacFrameHeader;
import dev.bmff.codecs.flac.StreamInfo;
import java.io.IOException;

/**
 * FLAC frames: a frame starts with a header whose sync code and CRC-8 check out and whose channels, rate and sample
 * size are the stream's; it ends at the first position where the CRC-16 of the bytes so far is 0 (its footer) and
 * the next sample starts: the next frame's header (numbered one on), another track's sample, or the end of the data.
 * Both checks together make the boundaries exact. The search for the end stops at the most bytes a frame of the
 * stream can take whatever its content (STREAMINFO's sizes are those of the reference's frames only).
 *
 * <pre>{@code
 * SampleMatcher m = new FlacMatcher(StreamInfo.parseDfLa(dfLa));
 * }</pre>
 */
public final class FlacMatcher implements SampleMatcher {
    private final StreamInfo streamInfo;
    private final int maxFrame;

    public FlacMatcher(StreamInfo streamInfo) {
        this.streamInfo = streamInfo;
        this.maxFrame = Math.min(MediaWindow.MAX_REQUEST, Math.max(streamInfo.maxFrameSize(),
                streamInfo.worstCaseFrameSize()));
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        FlacFrameHeader h = header(w, pos);
        if (h == null) {
            return null;
        }
        int available = w.ensure(pos, maxFrame + FlacFrameHeader.MAX_LENGTH);
        byte[] a = w.array();
        int at = w.index(pos);
        int crc = Crc.crc16(0, a, at, h.length());
        int last = Math.min(available, maxFrame);
        for (int n = h.length(); n < last; ) {
            crc = Crc.crc16(crc, a[at + n]);
            n++;
            if (crc != 0 || n < h.length() + 3) {
                continue;
            }
            long after = pos + n;
            if (after == w.end() || nextFrame(h, a, at + n, available - n) || next.startsAt(after)) {
                // startsAt may have moved the window's buffer: the length stands, the bytes are read again if needed.
                return Match.of(n, true, null);
            }
            a = w.array();
            if (w.index(pos) != at) {
                w.ensure(pos, maxFrame + FlacFrameHeader.MAX_LENGTH);
                a = w.array();
                at = w.index(pos);
            }
        }
        return null;
    }

    /** Whether the header of the frame after {@code h} is at {@code i}: the stream's, numbered one on. */
    private boolean nextFrame(FlacFrameHeader h, byte[] a, int i, int available) {
        if (available < FlacFrameHeader.MIN_LENGTH || !FlacFrameHeader.isSync(a, i)) {
            return false;
        }
        try {
            FlacFrameHeader n = FlacFrameHeader.parse(a, i, available);
            long expected = h.number() + (h.variableBlockSize() ? h.blockSize() : 1);
            return n.fits(streamInfo) && n.variableBlockSize() == h.variableBlockSize() && n.number() == expected;
        } catch (BitstreamException notAHeader) {
            return false;
        }
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        return header(w, pos) != null;
    }

    private FlacFrameHeader header(MediaWindow w, long pos) throws IOException {
        int available = w.ensure(pos, FlacFrameHeader.MAX_LENGTH);
        byte[] a = w.array();
        int at = w.index(pos);
        if (available < FlacFrameHeader.MIN_LENGTH || !FlacFrameHeader.isSync(a, at)) {
            return null;
        }
        try {
            FlacFrameHeader h = FlacFrameHeader.parse(a, at, available);
            return h.fits(streamInfo) ? h : null;
        } catch (BitstreamException notAHeader) {
            return null;
        }
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

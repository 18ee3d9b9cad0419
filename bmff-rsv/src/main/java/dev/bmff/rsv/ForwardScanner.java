package dev.bmff.rsv;

import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;
import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds access unit delimiters and rtmd headers in one forward pass over the file, window by window: each byte
 * is read from the channel once (windows overlap by a pattern's length), and both scanners run over the same
 * bytes in memory. Memory is one window, whatever the file's size.
 */
final class ForwardScanner {
    /** What was found. */
    enum Kind { AUD, RTMD }

    static final int WINDOW = 4 << 20;

    private final FileChannel channel;
    private final long end;
    private final SignatureScanner aud;
    private final SignatureScanner rtmd;
    private final int overlap;
    private final byte[] buffer;
    private long bufferStart;
    private int bufferLength;
    private long pos;
    private Kind kind;
    /** The next match of each scanner as an index into the buffer, MAX_VALUE for none, -1 when not yet looked. */
    private int nextAud = -1;
    private int nextRtmd = -1;

    ForwardScanner(FileChannel channel, long end, SignatureScanner aud, int windowSize) {
        this.channel = channel;
        this.end = end;
        this.aud = aud;
        this.rtmd = PatternScanner.of(RsvLayout.RTMD_HEADER);
        this.overlap = Math.max(aud.maxLength(), rtmd.maxLength()) - 1;
        this.buffer = new byte[Math.max(windowSize, 4 * (overlap + 1))];
    }

    /** Continues the scan at {@code from} (never before where a previous scan has read up to, for one pass). */
    void seek(long from) {
        pos = from;
        nextAud = -1;
        nextRtmd = -1;
    }

    /**
     * The next AUD or rtmd header at or after the current position (an AUD wins a tie, which cannot happen), or -1
     * at the end; {@link #kind()} tells which. The position moves past it.
     */
    long next() throws IOException {
        while (pos < end) {
            if (pos < bufferStart || pos >= bufferStart + bufferLength - overlap || bufferLength == 0) {
                if (!fill(pos)) {
                    return -1;
                }
            }
            int from = (int) (pos - bufferStart);
            int to = bufferLength;
            // Each scanner's last answer stays good until the position passes it: no byte is scanned twice.
            if (nextAud < from) {
                nextAud = find(aud, from, to);
            }
            if (nextRtmd < from) {
                nextRtmd = find(rtmd, from, to);
            }
            int hit = Math.min(nextAud, nextRtmd);
            boolean last = bufferStart + bufferLength >= end;
            // A match must start before the part the next window repeats, unless this window reaches the end.
            int limit = last ? to : to - overlap;
            if (hit < limit) {
                kind = hit == nextAud ? Kind.AUD : Kind.RTMD;
                pos = bufferStart + hit + 1;
                return bufferStart + hit;
            }
            pos = last ? end : bufferStart + limit;
        }
        return -1;
    }

    private int find(SignatureScanner s, int from, int to) {
        int i = s.find(buffer, from, to);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    Kind kind() {
        return kind;
    }

    private boolean fill(long at) throws IOException {
        int want = (int) Math.min(buffer.length, end - at);
        if (want <= 0) {
            return false;
        }
        bufferStart = at;
        bufferLength = PositionalReads.readUpTo(channel, at, ByteBuffer.wrap(buffer, 0, want));
        nextAud = -1;
        nextRtmd = -1;
        return bufferLength > 0;
    }
}

package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Strips ADTS headers from a byte stream: each {@link #next()} returns one raw AAC frame, the payload an
 * MP4 sample holds. Garbage between frames is skipped up to the next syncword whose frame is followed by
 * another syncword (or the end of the stream), so a corrupt length does not derail the stream.
 *
 * <pre>{@code
 * AdtsReader adts = new AdtsReader(ffmpegStdout);
 * for (AdtsReader.Frame f; (f = adts.next()) != null; ) writer.write(audioTrack, f.payload(), ...);
 * }</pre>
 */
public final class AdtsReader {
    /** One frame: its header and the raw AAC payload (CRC removed). */
    public record Frame(AdtsHeader header, byte[] payload) {
    }

    private final InputStream in;
    private byte[] buf = new byte[16384];
    private int start;
    private int end;
    private boolean eof;
    private long skipped;

    public AdtsReader(InputStream in) {
        this.in = in;
    }

    /** Bytes skipped so far because they were not part of a valid frame. */
    public long skippedBytes() {
        return skipped;
    }

    /** The next frame, or {@code null} at the end of the stream. */
    public Frame next() throws IOException {
        while (true) {
            fill(AdtsHeader.MIN_LENGTH);
            if (end - start < AdtsHeader.MIN_LENGTH) {
                skipped += end - start;
                start = end;
                return null;
            }
            if (!AdtsHeader.isSync(buf, start)) {
                start++;
                skipped++;
                continue;
            }
            AdtsHeader h;
            try {
                h = AdtsHeader.parse(Arrays.copyOfRange(buf, start, start + AdtsHeader.MIN_LENGTH), 0);
            } catch (BitstreamException e) {
                start++;
                skipped++;
                continue;
            }
            int len = h.frameLength();
            fill(len + 2);
            if (end - start < len) {
                // The stream ends inside this frame: the frame is incomplete, drop it.
                skipped += end - start;
                start = end;
                return null;
            }
            boolean nextOk = end - start < len + 2 || AdtsHeader.isSync(buf, start + len);
            if (!nextOk) {
                start++;
                skipped++;
                continue;
            }
            byte[] payload = Arrays.copyOfRange(buf, start + h.headerLength(), start + len);
            start += len;
            return new Frame(h, payload);
        }
    }

    private void fill(int want) throws IOException {
        if (end - start >= want || eof) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (want > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(want, buf.length * 2));
        }
        while (end < want && !eof) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }
}

package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.jpeg.AppleMjpegField;
import dev.bmff.codecs.jpeg.JpegImage;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import java.io.IOException;

/**
 * Motion JPEG: a sample is one JPEG image (or, for {@code mjpa}, as many fields as the reference's samples hold,
 * each SOI to EOI), found by walking its marker segments and entropy-coded data to its EOI: the length is exact.
 * A sample starts with SOI and a marker, its frame header has the reference's picture size, and the walk is
 * bounded by the reference's largest sample times a margin. Every frame is a sync sample. An image the end of the
 * data cuts (no EOI) is not taken.
 *
 * <pre>{@code
 * SampleMatcher m = new MotionJpegMatcher(1, 640, 480, 4 << 20);
 * }</pre>
 */
public final class MotionJpegMatcher implements SampleMatcher {
    private static final PatternScanner SOI = PatternScanner.of(BytePattern.JPEG_SOI);

    private final int imagesPerSample;
    private final int width;
    private final int height;
    private final int maxSample;
    private long frames;

    /**
     * @param imagesPerSample images (fields) in one sample, 1 or 2
     * @param width the reference's image width
     * @param height the reference's image height (of one field for two fields per sample)
     * @param maxSample the longest sample the walk looks for an EOI in
     */
    public MotionJpegMatcher(int imagesPerSample, int width, int height, long maxSample) {
        this.imagesPerSample = imagesPerSample;
        this.width = width;
        this.height = height;
        this.maxSample = (int) Math.min(MediaWindow.MAX_REQUEST, Math.max(64, maxSample));
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        long length = sampleLength(w, pos);
        return length > 0 ? new Match(length, true, 1, frames, 0, null) : null;
    }

    @Override
    public Match commit(Match candidate) {
        frames++;
        return candidate;
    }

    /**
     * SOI, a marker and a plausible segment after it (APPn, DQT, DHT, SOF, COM, DRI): what a JPEG image starts
     * with. The whole walk to the EOI is left to {@link #match}, so this check stays cheap.
     */
    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        if (w.ensure(pos, 4) < 4) {
            return false;
        }
        byte[] a = w.array();
        int i = w.index(pos);
        return JpegImage.startsAt(a, i, i + 4) && plausibleFirstMarker(a[i + 3] & 0xFF);
    }

    private static boolean plausibleFirstMarker(int m) {
        return (m >= 0xE0 && m <= 0xEF) || m == 0xDB || m == 0xC4 || m == 0xFE || m == 0xDD
                || JpegImage.isFrameHeader(m);
    }

    /** The bytes of the sample at {@code pos}: its images, SOI to EOI; 0 when there is none whole. */
    private long sampleLength(MediaWindow w, long pos) throws IOException {
        if (!startsHere(w, pos)) {
            return 0;
        }
        // A first read of a quarter of the bound (most samples fit): asking the window for its whole buffer at
        // every sample would make it read that much again for each one.
        long length = sampleLength(w, pos, Math.max(64 << 10, maxSample / 4));
        return length == TRUNCATED_READ ? sampleLength(w, pos, maxSample) : length;
    }

    /** What {@link #sampleLength(MediaWindow, long, int)} gives when the first read was too short for the sample. */
    private static final long TRUNCATED_READ = -1;

    /** The sample's length, reading at most {@code read} bytes; {@link #TRUNCATED_READ} when the data goes on. */
    private long sampleLength(MediaWindow w, long pos, int read) throws IOException {
        read = Math.min(read, maxSample);
        int available = w.ensure(pos, read);
        byte[] a = w.array();
        int start = w.index(pos);
        int at = start;
        int end = start + available;
        for (int k = 0; k < imagesPerSample; k++) {
            JpegImage image;
            try {
                image = JpegImage.scan(a, at, end - at, maxSample - (at - start));
            } catch (BitstreamException e) {
                boolean more = available == read && read < maxSample && w.end() - pos > read;
                return more && (e.kind() == BitstreamException.Kind.TRUNCATED
                        || e.kind() == BitstreamException.Kind.TOO_LARGE) ? TRUNCATED_READ : 0;
            }
            var sof = image.frameHeader();
            if (sof.width() != width || (sof.height() != height && sof.height() != 0)) {
                return 0;
            }
            int imageEnd = at + image.length();
            if (k + 1 < imagesPerSample) {
                // The next field where the mjpg header says (after the first field's padding), else right after.
                long next = image.appleField().map(AppleMjpegField::nextFieldOffset).orElse(0L);
                at = next > image.length() && next < end - at ? at + (int) next : imageEnd;
            } else {
                at = imageEnd;
            }
        }
        return at - start;
    }

    @Override
    public int quickCheckBytes() {
        return 4;
    }

    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        int i = from;
        while (i < to) {
            int c = SOI.find(data, i, to - 1 + quickCheckBytes());
            if (c < 0 || c >= to) {
                return -1;
            }
            if (plausibleFirstMarker(data[c + 3] & 0xFF)) {
                return c;
            }
            i = c + 1;
        }
        return -1;
    }

    @Override
    public boolean isStrong() {
        return true;
    }
}

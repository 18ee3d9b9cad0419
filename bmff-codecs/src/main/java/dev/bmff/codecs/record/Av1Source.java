package dev.bmff.codecs.record;

import dev.bmff.codecs.av1.Av1Configuration;
import dev.bmff.codecs.av1.ObuHeader;
import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.codecs.av1.TemporalUnit;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.entry.Bitrate;
import dev.bmff.codecs.entry.VideoSampleEntries;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.TrackSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * An AV1 stream as MP4 samples: IVF (a 32-byte {@code DKIF} header, then frames of one temporal unit each, with their
 * presentation times) or the low-overhead bitstream format of AV1 Section 5 ({@code ffmpeg -f obu}: OBUs with size
 * fields, each temporal unit starting with a temporal delimiter). Each temporal unit becomes one sample with its
 * temporal delimiter removed (AV1-ISOBMFF 2.4); units before the first one with a sequence header and a shown key frame
 * are dropped; the first sequence header goes into {@code av1C}.
 *
 * <p>Timing: IVF's frame times in its timebase; a Section 5 stream has none, so units are {@code fps} apart (90 kHz
 * timescale, as {@link StreamRecorder}).
 *
 * <pre>{@code
 * Av1Source av1 = Av1Source.open(new BufferedInputStream(Files.newInputStream(path)), 25, 1);
 * TrackSpec spec = av1.track();
 * }</pre>
 */
public final class Av1Source implements TrackSource {
    /** A temporal unit larger than this is a corrupt size, not a picture. */
    private static final int MAX_UNIT = 256 << 20;
    private static final long TIMESCALE = 90_000;

    private final InputStream in;
    private final boolean ivf;
    private final long timescale;
    /** IVF: timebase numerator (each pts counts this many ticks); OBU: ticks per frame. */
    private final long tick;
    private SequenceHeader sequence;
    private TemporalUnit pending;
    private long pendingPts;
    private long firstPts = -1;
    private byte[] lookahead;
    private long index;
    private long dropped;
    private final TrackSpec track;

    private Av1Source(InputStream in, boolean ivf, long timescale, long tick) throws IOException {
        this.in = in;
        this.ivf = ivf;
        this.timescale = timescale;
        this.tick = tick;
        // Up to the first sync sample: its sequence header makes av1C.
        for (; ; ) {
            byte[] unit = readUnit();
            if (unit == null) {
                throw new IOException("the AV1 stream held no temporal unit with a sequence header and a shown key"
                        + " frame to start a recording at" + (dropped > 0 ? " (" + dropped + " dropped)" : ""));
            }
            TemporalUnit tu = parse(unit);
            if (tu.sync()) {
                pending = tu;
                break;
            }
            dropped++;
        }
        try {
            Av1Configuration c = Av1Configuration.of(pending.sequenceHeaderObu().orElseThrow().toArray());
            track = TrackSpec.video(VideoSampleEntries.av1(c, Bitrate.NONE), timescale);
        } catch (BitstreamException e) {
            throw new IOException("the AV1 sequence header does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code in} (IVF when it starts with {@code DKIF}, else a Section 5 OBU stream; it must support mark and
     * reset) and reads up to the first sync sample.
     *
     * @param fpsNumerator frame rate for a Section 5 stream (ignored for IVF)
     * @throws IOException no sync temporal unit, or a stream that does not parse
     */
    public static Av1Source open(InputStream in, int fpsNumerator, int fpsDenominator) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("the stream must support mark/reset (wrap it in a BufferedInputStream)");
        }
        in.mark(32);
        byte[] head = in.readNBytes(32);
        in.reset();
        if (isIvf(head, head.length)) {
            if (head.length < 32) {
                throw new IOException("the IVF file ends inside its 32-byte header, after " + head.length + " bytes");
            }
            in.readNBytes(32);
            if (!new String(head, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("AV01")) {
                throw new IOException("the IVF file holds " + new String(head, 8, 4,
                        java.nio.charset.StandardCharsets.ISO_8859_1) + ", not AV01");
            }
            long rate = le(head, 16, 4);
            long scale = le(head, 20, 4);
            if (rate < 1 || scale < 1 || rate > 0xFFFF_FFFFL) {
                throw new IOException("the IVF header's timebase is " + scale + "/" + rate);
            }
            return new Av1Source(in, true, rate, scale);
        }
        if (fpsNumerator < 1 || fpsDenominator < 1) {
            throw new IllegalArgumentException("frame rate " + fpsNumerator + "/" + fpsDenominator);
        }
        long num = fpsNumerator;
        long den = fpsDenominator;
        if (TIMESCALE * den % num == 0) {
            return new Av1Source(in, false, TIMESCALE, TIMESCALE * den / num);
        }
        long k = Math.max(1, (1000 + num - 1) / num);
        return new Av1Source(in, false, num * k, den * k);
    }

    /** Whether {@code head} starts an IVF file. */
    public static boolean isIvf(byte[] head, int length) {
        return length >= 4 && head[0] == 'D' && head[1] == 'K' && head[2] == 'I' && head[3] == 'F';
    }

    /**
     * Whether {@code head} starts a Section 5 stream: a temporal delimiter OBU with a size field of 0 ({@code 12 00}),
     * which every temporal unit of one starts with.
     */
    public static boolean isObuStream(byte[] head, int length) {
        return length >= 2 && (head[0] & 0xFF) == 0x12 && head[1] == 0;
    }

    /** {@code .ivf} and {@code .obu}/{@code .av1} are AV1 by their name. */
    public static boolean isAv1Name(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".ivf") || n.endsWith(".obu") || n.endsWith(".av1");
    }

    @Override
    public TrackSpec track() {
        return track;
    }

    /** Temporal units dropped before the first sync sample. */
    public long droppedBeforeKeyframe() {
        return dropped;
    }

    @Override
    public Unit next() throws IOException {
        if (pending == null) {
            byte[] unit = readUnit();
            if (unit == null) {
                return null;
            }
            pending = parse(unit);
        }
        TemporalUnit tu = pending;
        pending = null;
        if (firstPts < 0) {
            firstPts = pendingPts;
        }
        // IVF times that go back are left to the writer's timeline policy.
        long dts;
        try {
            dts = Math.multiplyExact(ivf ? Math.max(0, pendingPts - firstPts) : index, tick);
        } catch (ArithmeticException e) {
            throw new IOException("temporal unit " + index + ": its time does not fit 64 bits (IVF pts " + pendingPts
                    + ")");
        }
        index++;
        return new Unit(tu.sample(), dts, Sample.UNKNOWN_DURATION, tu.sync());
    }

    private TemporalUnit parse(byte[] unit) throws IOException {
        try {
            TemporalUnit tu = TemporalUnit.of(unit, sequence);
            if (tu.sequenceHeaderObu().isPresent()) {
                sequence = SequenceHeader.fromObu(tu.sequenceHeaderObu().get().toArray());
            }
            return tu;
        } catch (BitstreamException e) {
            throw new IOException("temporal unit " + (index + dropped) + " is not valid AV1: " + e.getMessage(), e);
        }
    }

    /** The next temporal unit's bytes (IVF frame, or OBUs up to the next temporal delimiter), null at the end. */
    private byte[] readUnit() throws IOException {
        return ivf ? readIvfFrame() : readObuUnit();
    }

    private byte[] readIvfFrame() throws IOException {
        byte[] h = in.readNBytes(12);
        if (h.length == 0) {
            return null;
        }
        if (h.length < 12) {
            return null; // a frame header cut by the end: the recording ends before it
        }
        long size = le(h, 0, 4);
        if (size > MAX_UNIT) {
            throw new IOException("IVF frame of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            return null;
        }
        pendingPts = le(h, 4, 8);
        return data;
    }

    private byte[] readObuUnit() throws IOException {
        ByteArrayOutputStream unit = new ByteArrayOutputStream();
        byte[] obu = lookahead != null ? lookahead : readObu();
        lookahead = null;
        if (obu == null) {
            return null;
        }
        unit.write(obu);
        for (; ; ) {
            byte[] o = readObu();
            if (o == null) {
                break;
            }
            if (((o[0] >> 3) & 0xF) == ObuHeader.TEMPORAL_DELIMITER) {
                lookahead = o;
                break;
            }
            if (unit.size() + o.length > MAX_UNIT) {
                throw new IOException("a temporal unit of more than " + MAX_UNIT + " bytes");
            }
            unit.write(o);
        }
        return unit.toByteArray();
    }

    /** One whole OBU with its header, null at the end of the stream (or inside a cut OBU). */
    private byte[] readObu() throws IOException {
        byte[] head = new byte[10];
        int b = in.read();
        if (b < 0) {
            return null;
        }
        head[0] = (byte) b;
        int n = 1;
        if ((b & 4) != 0) {
            int e = in.read();
            if (e < 0) {
                return null;
            }
            head[n++] = (byte) e;
        }
        if ((b & 2) == 0) {
            throw new IOException("an OBU without obu_size: not the low-overhead bitstream format (AV1 Section 5)");
        }
        int c;
        do {
            c = in.read();
            if (c < 0) {
                return null;
            }
            if (n == head.length) {
                throw new IOException("obu_size: leb128 longer than 8 bytes");
            }
            head[n++] = (byte) c;
        } while ((c & 0x80) != 0);
        ObuHeader h;
        try {
            h = ObuHeader.parse(head, 0, n);
        } catch (BitstreamException e) {
            throw new IOException("not an AV1 OBU stream: " + e.getMessage(), e);
        }
        if (h.payloadSize() > MAX_UNIT) {
            throw new IOException("an OBU of " + h.payloadSize() + " bytes");
        }
        // Read before allocating: a hostile size on a short stream must not claim its bytes up front.
        byte[] payload = in.readNBytes((int) h.payloadSize());
        if (payload.length < h.payloadSize()) {
            return null;
        }
        byte[] out = java.util.Arrays.copyOf(head, n + payload.length);
        System.arraycopy(payload, 0, out, n, payload.length);
        return out;
    }

    private static long le(byte[] a, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (a[off + i] & 0xFF);
        }
        return v;
    }
}

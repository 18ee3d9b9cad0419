package dev.bmff.codecs.record;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.entry.AudioSampleEntries;
import dev.bmff.codecs.opus.OpusConfiguration;
import dev.bmff.codecs.opus.OpusPacket;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.write.TrackSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * Opus in Ogg ({@code .opus}, {@code .ogg}; RFC 7845) as MP4 samples: the first logical stream's {@code OpusHead}
 * becomes {@code dOps}, its pre-skip the edit list's media_time (Opus in ISOBMFF 4.4), {@code OpusTags} is skipped, and
 * each audio packet is one sample of a 48 kHz track, timed by the durations its TOC byte gives. Each page's CRC is
 * checked. A last page whose granule position ends the stream before its packets do (end trimming) shortens the
 * last sample.
 *
 * <pre>{@code
 * OggOpusSource opus = OggOpusSource.open(Files.newInputStream(Path.of("in.opus")));
 * TrackSpec spec = opus.track();
 * }</pre>
 */
public final class OggOpusSource implements TrackSource {
    private static final int CAPTURE = 0x5367674F; // "OggS" read little-endian
    private static final int[] CRC = crcTable();

    private final InputStream in;
    private final OpusConfiguration config;
    private final TrackSpec track;
    private final ArrayDeque<byte[]> packets = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long serial = -1;
    private boolean eos;
    /** Granule position of the page the queued packets came from, and whether it was the last page. */
    private long pageGranule = -1;
    private boolean lastPage;
    private long time;
    private long pages;

    private OggOpusSource(InputStream in) throws IOException {
        this.in = in;
        byte[] head = nextPacket();
        if (head == null) {
            throw new IOException("the Ogg stream holds no packet");
        }
        try {
            config = OpusConfiguration.fromOpusHead(head);
        } catch (BitstreamException e) {
            throw new IOException("the Ogg stream's first packet is not an OpusHead: " + e.getMessage(), e);
        }
        byte[] tags = nextPacket();
        if (tags == null || tags.length < 8 || !new String(tags, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("OpusTags")) {
            throw new IOException("the Ogg Opus stream's second packet is not OpusTags");
        }
        track = TrackSpec.audio(AudioSampleEntries.opus(config), 48_000)
                .withEditList(List.of(AudioSampleEntries.opusEdit(config)));
    }

    /** Opens an Ogg Opus stream and reads its two header packets. */
    public static OggOpusSource open(InputStream in) throws IOException {
        return new OggOpusSource(in);
    }

    /** Whether {@code head} starts an Ogg stream ({@code OggS}). */
    public static boolean isOgg(byte[] head, int length) {
        return length >= 4 && head[0] == 'O' && head[1] == 'g' && head[2] == 'g' && head[3] == 'S';
    }

    /** {@code .opus} and {@code .ogg} are Ogg by their name. */
    public static boolean isOggName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".opus") || n.endsWith(".ogg");
    }

    /** The stream's configuration (from OpusHead). */
    public OpusConfiguration configuration() {
        return config;
    }

    @Override
    public TrackSpec track() {
        return track;
    }

    @Override
    public Unit next() throws IOException {
        byte[] p = nextPacket();
        if (p == null) {
            return null;
        }
        int duration;
        try {
            duration = OpusPacket.parse(p, 0, p.length).durationSamples();
        } catch (BitstreamException e) {
            throw new IOException("Opus packet at 48 kHz sample " + time + " is not valid: " + e.getMessage(), e);
        }
        // End trimming (RFC 7845 4.5): the last page's granule position ends the stream inside its last packet.
        if (packets.isEmpty() && lastPage && pageGranule >= 0) {
            long end = pageGranule;
            if (end > time && end < time + duration) {
                duration = (int) (end - time);
            }
        }
        Unit u = new Unit(Bytes.of(p), time, duration, true);
        time += duration;
        return u;
    }

    /** The next packet of the first logical stream, null at its end. */
    private byte[] nextPacket() throws IOException {
        while (packets.isEmpty()) {
            if (eos || !readPage()) {
                return null;
            }
        }
        return packets.poll();
    }

    /** Reads one page of the stream (pages of other logical streams are skipped); false at the end of the input. */
    private boolean readPage() throws IOException {
        byte[] h = in.readNBytes(27);
        if (h.length < 27) {
            if (h.length > 0) {
                eos = true; // a page cut by the end: the recording ends before it
            }
            return false;
        }
        if (le(h, 0, 4) != CAPTURE) {
            throw new IOException("Ogg page " + pages + ": no OggS capture pattern");
        }
        if (h[4] != 0) {
            throw new IOException("Ogg page " + pages + ": stream structure version " + h[4]);
        }
        int type = h[5] & 0xFF;
        long granule = le(h, 6, 8);
        long pageSerial = le(h, 14, 4);
        int segments = h[26] & 0xFF;
        byte[] lacing = in.readNBytes(segments);
        int bodyLength = 0;
        for (byte l : lacing) {
            bodyLength += l & 0xFF;
        }
        byte[] body = in.readNBytes(bodyLength);
        if (lacing.length < segments || body.length < bodyLength) {
            eos = true;
            return false;
        }
        long crc = le(h, 22, 4);
        h[22] = h[23] = h[24] = h[25] = 0;
        int c = crc(0, h);
        c = crc(c, lacing);
        c = crc(c, body);
        if ((c & 0xFFFF_FFFFL) != crc) {
            throw new IOException("Ogg page " + pages + ": CRC mismatch");
        }
        pages++;
        if (serial < 0) {
            serial = pageSerial;
        } else if (pageSerial != serial) {
            return true; // another logical stream
        }
        int pos = 0;
        for (byte l : lacing) {
            int n = l & 0xFF;
            partial.write(body, pos, n);
            pos += n;
            if (n < 255) {
                packets.add(partial.toByteArray());
                partial.reset();
            }
            if (partial.size() > 1 << 20) {
                throw new IOException("an Ogg packet of more than 1 MiB: not Opus");
            }
        }
        pageGranule = granule == -1L ? pageGranule : granule;
        lastPage = (type & 4) != 0;
        if (lastPage) {
            eos = true;
        }
        return true;
    }

    private static long le(byte[] a, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (a[off + i] & 0xFF);
        }
        return v;
    }

    /** The Ogg CRC-32 (polynomial 0x04C11DB7, not reflected, initial 0). */
    private static int crc(int crc, byte[] data) {
        for (byte b : data) {
            crc = (crc << 8) ^ CRC[((crc >>> 24) ^ b) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            }
            t[i] = r;
        }
        return t;
    }
}

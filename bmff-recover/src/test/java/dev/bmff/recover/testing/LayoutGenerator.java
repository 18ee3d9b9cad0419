package dev.bmff.recover.testing;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.Matrix;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.table.SampleTableBuilder;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.TrackSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Complete files in the layouts real cameras, phones and recorders write and ffmpeg never does, made from the
 * fixtures' real H.264, HEVC, AAC and PCM samples (read with our own sample index) and synthetic metadata with
 * the right framing (GPMF KLV, GoPro's {@code fdsc}, QuickTime {@code mebx} boxes, a protobuf-like DJI track, Sony's
 * fixed-size {@code rtmd}); then their broken copies: the moov lost, the media cut, and whatever the recorder
 * still wrote after it (a trailer, a preallocated zero tail).
 *
 * <p>Every file is a function of its layout and seed (the same seed gives the same bytes), so a failing
 * property run can be kept as an example.
 *
 * <pre>{@code
 * LayoutGenerator.Generated g = LayoutGenerator.generate(Layout.GOPRO, 42, dir);
 * LayoutGenerator.Broken b = LayoutGenerator.broken(g, 0.6, dir.resolve("broken.mp4"));
 * Recovery.repair(g.file(), b.file(), dir.resolve("fixed.mp4"));
 * }</pre>
 */
public final class LayoutGenerator {
    private LayoutGenerator() {
    }

    /** The layouts. */
    public enum Layout {
        /**
         * GoPro: avc1 + mp4a + tmcd (one 4-byte sample) + gpmd (GPMF, one {@code DEVC} sample a second) + fdsc (a
         * 16-byte {@code GP} sample before almost every video and audio sample, two larger ones first, the first
         * {@code GPRO}); every sample its own chunk; tref from video and audio to tmcd. The media plays twice.
         */
        GOPRO,
        /** DJI: hvc1 + djmd (protobuf-like, varying sizes, shared first bytes) + dbgi (a few sizes, no signature). */
        DJI,
        /** iPhone: hvc1 + mp4a + mebx tracks (samples are boxes typed by key id), 90 degree matrix, qt brand. */
        IPHONE,
        /** Sony XAVC S: rtmd (fixed size) + avc1 + twos, chunk groups per half second or second. */
        XAVC,
        /** OBS: avc1 + 2 to 6 AAC tracks with one configuration, interleaved packet by packet (libavformat). */
        OBS,
        /** Samsung: a {@code sefd} box after the moov (after the cut media in the broken copy). */
        SAMSUNG_SEFD,
        /** Insta360: a binary trailer (no box) after the last box (after the cut media in the broken copy). */
        INSTA360_TRAILER,
        /** iOS: a {@code uuid} XMP box after the mdat (after the cut media in the broken copy). */
        IOS_XMP,
        /** Canon: every chunk aligned to 512 bytes or 32 KiB with zeros in between. */
        CANON_PADDING,
        /** A recorder that preallocated its file: the broken copy ends in a long run of zeros after the cut. */
        PREALLOCATED
    }

    /**
     * A complete file and how its broken copies end.
     *
     * @param file the complete file (the reference)
     * @param tail what a broken copy has after its cut media: a trailer or zeros (empty for nothing)
     * @param padding the zero ranges {@code [start, end)} between chunks in the mdat
     * @param description the choices the seed made, for failure messages
     */
    public record Generated(Layout layout, long seed, Path file, byte[] tail, List<long[]> padding,
            String description) {
        /** True when the tail is zeros (a preallocated file), false for a trailer. */
        public boolean zeroTail() {
            for (byte b : tail) {
                if (b != 0) {
                    return false;
                }
            }
            return tail.length > 0;
        }
    }

    /**
     * A broken copy.
     *
     * @param cut where the media data written before the crash ends (an absolute offset, as in the complete file)
     * @param end the file's length: the tail is {@code [cut, end)}
     */
    public record Broken(Path file, long cut, long end) {
    }

    /**
     * {@code g}'s file with its moov lost, its media cut at {@code fraction} of the mdat, and its tail after the cut.
     * A trailer is what a recorder writes once it stopped, after its last whole sample: with a trailer the cut moves
     * back to the end of the last sample it leaves whole. Zeros (preallocated space) follow a cut anywhere.
     */
    public static Broken broken(Generated g, double fraction, Path out) throws IOException {
        BrokenFiles.Mdat m = BrokenFiles.mdat(g.file());
        long cut = m.start() + Math.round((m.end() - m.start()) * fraction);
        if (g.tail().length > 0 && !g.zeroTail()) {
            long whole = m.start();
            SampleIndex index = SampleIndex.of(BoxReader.read(g.file(), ReadOptions.lenient()),
                    ReadOptions.Mode.LENIENT);
            for (TrackSamples t : index.tracks()) {
                for (int i = 0; i < t.sampleCount(); i++) {
                    long end = t.offset(i) + t.size(i);
                    if (end <= cut) {
                        whole = Math.max(whole, end);
                    }
                }
            }
            cut = whole;
        }
        BrokenFiles.withoutMoov(g.file(), cut, out);
        if (g.tail().length > 0) {
            Files.write(out, g.tail(), java.nio.file.StandardOpenOption.APPEND);
        }
        return new Broken(out, cut, cut + g.tail().length);
    }

    /** Writes the complete file of {@code layout} for {@code seed} into {@code dir} (as {@code good-LAYOUT.mp4}). */
    public static Generated generate(Layout layout, long seed, Path dir) throws IOException {
        Random r = new Random(seed * 31 + layout.ordinal());
        Plan p = switch (layout) {
            case GOPRO -> gopro(r);
            case DJI -> dji(r);
            case IPHONE -> iphone(r);
            case XAVC -> xavc(r);
            case OBS -> obs(r);
            case SAMSUNG_SEFD -> samsung(r);
            case INSTA360_TRAILER -> insta360(r);
            case IOS_XMP -> iosXmp(r);
            case CANON_PADDING -> canon(r);
            case PREALLOCATED -> preallocated(r);
        };
        Path out = dir.resolve("good-" + layout.name().toLowerCase(java.util.Locale.ROOT)
                + (p.quickTime ? ".mov" : ".mp4"));
        List<long[]> padding = write(p, out);
        return new Generated(layout, seed, out, p.tail, padding, layout + " seed " + seed + ": " + p.description);
    }

    // ---------------------------------------------------------------- the plan of a file

    /** A sample as written. */
    private record S(byte[] data, long dts, int cto, long duration, boolean sync) {
        double seconds(long timescale) {
            return (double) dts / timescale;
        }
    }

    /** One track: what MovieBuilder needs, its samples, and the boxes of the moov it does not write. */
    private static final class Track {
        TrackSpec spec;
        final List<S> samples = new ArrayList<>();
        Matrix matrix;
        String trefType;
        int[] trefTargets = new int[0];

        Track(TrackSpec spec) {
            this.spec = spec;
        }

        long timescale() {
            return spec.timescale();
        }

        long end() {
            S last = samples.get(samples.size() - 1);
            return last.dts() + last.duration();
        }
    }

    /** Samples {@code [from, to)} of a track, stored back to back. */
    private record Chunk(int track, int from, int to) {
    }

    private static final class Plan {
        FileTypeBox ftyp = new FileTypeBox(FourCC.of("ftyp"), FourCC.of("isom"), 512,
                List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("avc1"), FourCC.of("mp41")));
        boolean quickTime;
        final List<byte[]> beforeMdat = new ArrayList<>();
        final List<byte[]> afterMdat = new ArrayList<>();
        final List<byte[]> afterMoov = new ArrayList<>();
        final List<Track> tracks = new ArrayList<>();
        final List<Chunk> chunks = new ArrayList<>();
        int align;
        byte[] tail = new byte[0];
        String description = "";

        int add(Track t) {
            tracks.add(t);
            return tracks.size() - 1;
        }
    }

    // ---------------------------------------------------------------- the layouts

    private static Plan gopro(Random r) throws IOException {
        Plan p = new Plan();
        p.ftyp = new FileTypeBox(FourCC.of("ftyp"), FourCC.of("mp41"), 0x20131018L,
                List.of(FourCC.of("mp41")));
        List<Track> src = looped(fixture("h264-aac.mp4"), 2);
        int video = p.add(src.get(0));
        int audio = p.add(src.get(1));
        Track v = p.tracks.get(video);
        long seconds = Math.round((double) v.end() / v.timescale());
        // tmcd: one frame number for the whole track.
        Track tmcd = new Track(new TrackSpec(FourCC.of("tmcd"), 25, MetadataSampleEntry.of(FourCC.of("tmcd"),
                Bytes.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25, 0, 0, 0, 1, 25, 0})), "eng", null));
        tmcd.samples.add(new S(u32(r.nextInt(1 << 20)), 0, 0, seconds * 25, true));
        int tc = p.add(tmcd);
        v.trefType = "tmcd";
        v.trefTargets = new int[] {tc};
        p.tracks.get(audio).trefType = "tmcd";
        p.tracks.get(audio).trefTargets = new int[] {tc};
        Track gpmd = new Track(new TrackSpec(FourCC.of("meta"), 1000, MetadataSampleEntry.of(FourCC.of("gpmd"),
                Bytes.EMPTY), "eng", null));
        for (int s = 0; s < seconds; s++) {
            gpmd.samples.add(new S(gpmf(r, s), s * 1001L, 0, 1001, true));
        }
        int gp = p.add(gpmd);
        Track fdsc = new Track(new TrackSpec(FourCC.of("meta"), 90_000, MetadataSampleEntry.of(FourCC.of("fdsc"),
                Bytes.of(new byte[] {0, 1})), "eng", null));
        int fd = p.add(fdsc);
        // Every sample its own chunk, in decode order; fdsc before almost every video, audio and timecode sample.
        List<Chunk> order = perPacket(p, List.of(video, audio));
        int skipEvery = 20 + r.nextInt(40);
        List<Chunk> out = new ArrayList<>();
        fdsc.samples.add(new S(fdscFirst(r), 0, 0, 0, true));
        fdsc.samples.add(new S(fdscSecond(r), 0, 0, 0, true));
        out.add(new Chunk(fd, 0, 1));
        out.add(new Chunk(fd, 1, 2));
        int nextGpmd = 0;
        int count = 0;
        for (Chunk c : order) {
            for (int i = c.from(); i < c.to(); i++) {
                Track t = p.tracks.get(c.track());
                S s = t.samples.get(i);
                double at = s.seconds(t.timescale());
                while (nextGpmd < gpmd.samples.size() && gpmd.samples.get(nextGpmd).dts() + 1001 <= at * 1000) {
                    out.add(new Chunk(gp, nextGpmd, nextGpmd + 1));
                    nextGpmd++;
                }
                boolean first = count++ == 0;
                if (!first && count % skipEvery != 0) {
                    fdsc.samples.add(new S(fdscBefore(c.track() == video ? 0 : 4, s.data().length,
                            c.track() == video ? 3003 : 1024), Math.round(at * 90_000), 0, 0, true));
                    out.add(new Chunk(fd, fdsc.samples.size() - 1, fdsc.samples.size()));
                }
                out.add(new Chunk(c.track(), i, i + 1));
                if (first) {
                    fdsc.samples.add(new S(fdscBefore(5, 4, 0), 0, 0, 0, true));
                    out.add(new Chunk(fd, fdsc.samples.size() - 1, fdsc.samples.size()));
                    out.add(new Chunk(tc, 0, 1));
                }
            }
        }
        while (nextGpmd < gpmd.samples.size()) {
            out.add(new Chunk(gp, nextGpmd, nextGpmd + 1));
            nextGpmd++;
        }
        timeFromOrder(fdsc, 90_000, seconds);
        p.chunks.addAll(out);
        p.description = "fdsc skipped every " + skipEvery + " samples, " + gpmd.samples.size() + " gpmd samples";
        return p;
    }

    private static Plan dji(Random r) throws IOException {
        Plan p = new Plan();
        p.ftyp = new FileTypeBox(FourCC.of("ftyp"), FourCC.of("isom"), 512,
                List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("mp41")));
        Track v = fixture("hevc-aac.mp4").get(0);
        int video = p.add(v);
        Track djmd = new Track(new TrackSpec(FourCC.of("meta"), v.timescale(), MetadataSampleEntry.of(
                FourCC.of("djmd"), Bytes.EMPTY), "und", null));
        Track dbgi = new Track(new TrackSpec(FourCC.of("meta"), v.timescale(), MetadataSampleEntry.of(
                FourCC.of("dbgi"), Bytes.EMPTY), "und", null));
        int dj = p.add(djmd);
        int db = p.add(dbgi);
        long[] dbgiSizes = {1024L * (2 + r.nextInt(3)), 1024L * (5 + r.nextInt(3)), 1024L * (8 + r.nextInt(3))};
        int dbgiEvery = 3 + r.nextInt(8);
        boolean dbgiFirst = r.nextBoolean();
        for (int i = 0; i < v.samples.size(); i++) {
            S s = v.samples.get(i);
            p.chunks.add(new Chunk(video, i, i + 1));
            djmd.samples.add(new S(djmd(r, i), s.dts(), 0, s.duration(), true));
            Chunk meta = new Chunk(dj, djmd.samples.size() - 1, djmd.samples.size());
            if (i % dbgiEvery == 0) {
                dbgi.samples.add(new S(random(r, (int) dbgiSizes[r.nextInt(dbgiSizes.length)]), s.dts(), 0,
                        s.duration() * dbgiEvery, true));
                Chunk debug = new Chunk(db, dbgi.samples.size() - 1, dbgi.samples.size());
                p.chunks.add(dbgiFirst ? debug : meta);
                p.chunks.add(dbgiFirst ? meta : debug);
            } else {
                p.chunks.add(meta);
            }
        }
        p.description = "dbgi sizes " + Arrays.toString(dbgiSizes) + " every " + dbgiEvery + " frames, "
                + (dbgiFirst ? "before" : "after") + " djmd";
        return p;
    }

    private static Plan iphone(Random r) throws IOException {
        Plan p = new Plan();
        p.quickTime = true;
        p.ftyp = new FileTypeBox(FourCC.of("ftyp"), FourCC.of("qt  "), 0, List.of(FourCC.of("qt  ")));
        p.beforeMdat.add(new byte[] {0, 0, 0, 8, 'w', 'i', 'd', 'e'});
        List<Track> src = fixture("hevc-aac.mp4");
        Track v = src.get(0);
        int video = p.add(v);
        int audio = p.add(src.get(1));
        v.matrix = rotation(r.nextBoolean() ? 90 : 270, 240);
        // A live-photo-info like track: one box of key 1 per frame.
        Track info = new Track(new TrackSpec(FourCC.of("meta"), v.timescale(), MetadataSampleEntry.of(
                FourCC.of("mebx"), Bytes.of(keys("com.apple.quicktime.live-photo-info"))), "und", null));
        int infoSize = 40 + 4 * r.nextInt(30);
        for (S s : v.samples) {
            info.samples.add(new S(box(1, random(r, infoSize - 8)), s.dts(), 0, s.duration(), true));
        }
        // Detected faces: a box of key 1 (its bounds, varying sizes) and one of key 2 (its id), every few frames.
        Track faces = new Track(new TrackSpec(FourCC.of("meta"), v.timescale(), MetadataSampleEntry.of(
                FourCC.of("mebx"), Bytes.of(keys("com.apple.quicktime.detected-face.bounds",
                        "com.apple.quicktime.detected-face.face-id"))), "und", null));
        int faceEvery = 2 + r.nextInt(5);
        for (int i = 0; i < v.samples.size(); i += faceEvery) {
            S s = v.samples.get(i);
            // One face a sample: two samples back to back in a chunk would be one with two faces otherwise.
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(box(1, random(r, 16 + 4 * r.nextInt(6))));
            b.writeBytes(box(2, u32(r.nextInt(100))));
            faces.samples.add(new S(b.toByteArray(), s.dts(), 0, s.duration() * Math.min(faceEvery,
                    v.samples.size() - i), true));
        }
        // Still image time: a single sample, 10 bytes, then an 8-byte empty one.
        Track still = new Track(new TrackSpec(FourCC.of("meta"), v.timescale(), MetadataSampleEntry.of(
                FourCC.of("mebx"), Bytes.of(keys("com.apple.quicktime.still-image-time"))), "und", null));
        still.samples.add(new S(box(1, new byte[] {(byte) 0xff, 0}), 0, 0, v.samples.get(0).duration(), true));
        still.samples.add(new S(new byte[] {0, 0, 0, 8, 0, 0, 0, 0}, v.samples.get(0).duration(), 0,
                v.end() - v.samples.get(0).duration(), true));
        int in = p.add(info);
        int fc = p.add(faces);
        int st = p.add(still);
        double chunkSeconds = 0.2 + 0.2 * r.nextInt(5);
        p.chunks.addAll(byDuration(p, List.of(audio, video, in, fc, st), chunkSeconds));
        p.description = v.matrix + ", info " + infoSize + " bytes, faces every " + faceEvery + ", chunks of "
                + chunkSeconds + " s";
        return p;
    }

    private static Plan xavc(Random r) throws IOException {
        Plan p = new Plan();
        p.ftyp = new FileTypeBox(FourCC.of("ftyp"), FourCC.of("XAVC"), 0x010001,
                List.of(FourCC.of("XAVC"), FourCC.of("mp42"), FourCC.of("iso2")));
        List<Track> src = fixture("h264-twos.mov");
        Track v = src.get(0);
        Track rtmd = new Track(new TrackSpec(FourCC.of("meta"), v.timescale(), MetadataSampleEntry.of(
                FourCC.of("rtmd"), Bytes.of(new byte[] {0, 0, 0, 0})), "und", null));
        int size = 512 << r.nextInt(3);
        for (int i = 0; i < v.samples.size(); i++) {
            S s = v.samples.get(i);
            rtmd.samples.add(new S(rtmd(r, size, i), s.dts(), 0, s.duration(), true));
        }
        int rt = p.add(rtmd);
        int video = p.add(v);
        int audio = p.add(src.get(1));
        double chunkSeconds = r.nextBoolean() ? 0.5 : 1.0;
        p.chunks.addAll(byDuration(p, List.of(rt, video, audio), chunkSeconds));
        p.description = "rtmd of " + size + " bytes, chunk groups of " + chunkSeconds + " s";
        return p;
    }

    private static Plan obs(Random r) throws IOException {
        Plan p = new Plan();
        List<Track> src = fixture("h264-aac.mp4");
        p.add(src.get(0));
        int n = 2 + r.nextInt(5);
        Track aac = src.get(1);
        List<Integer> order = new ArrayList<>(List.of(0));
        for (int k = 0; k < n; k++) {
            // The same encoder settings on every track, other sound: the fixture's frames, rotated.
            Track t = new Track(aac.spec);
            int shift = k == 0 ? 0 : 3 + r.nextInt(aac.samples.size() - 6);
            for (int i = 0; i < aac.samples.size(); i++) {
                S s = aac.samples.get(i);
                S from = aac.samples.get((i + shift) % aac.samples.size());
                t.samples.add(new S(from.data(), s.dts(), s.cto(), s.duration(), s.sync()));
            }
            order.add(p.add(t));
        }
        p.chunks.addAll(perPacket(p, order));
        p.description = n + " AAC tracks";
        return p;
    }

    private static Plan samsung(Random r) throws IOException {
        Plan p = plain(r, "h264-aac.mp4");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] record = ("Auto Scene Info" + "\0".repeat(1 + r.nextInt(4)) + "scene=" + r.nextInt(100))
                .getBytes(StandardCharsets.ISO_8859_1);
        b.writeBytes(record);
        b.writeBytes("SEFH".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(le32(106));
        b.writeBytes(le32(1));
        b.writeBytes(le32(record.length + 8));
        b.writeBytes(le32(record.length));
        b.writeBytes(le32(record.length + 24));
        b.writeBytes("SEFT".getBytes(StandardCharsets.ISO_8859_1));
        byte[] sefd = boxBytes("sefd", b.toByteArray());
        p.afterMoov.add(sefd);
        p.tail = sefd;
        p.description += ", sefd of " + sefd.length + " bytes";
        return p;
    }

    private static Plan insta360(Random r) throws IOException {
        Plan p = plain(r, "h264-aac.mp4");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        // Records of a binary trailer: little-endian id, length, payload; then the trailer's length and its magic.
        int records = 2 + r.nextInt(4);
        for (int i = 0; i < records; i++) {
            byte[] payload = random(r, 20 + r.nextInt(400));
            b.writeBytes(payload);
            b.writeBytes(new byte[] {(byte) (0x100 + i), 0});
            b.writeBytes(le32(payload.length));
        }
        b.writeBytes(le32(b.size() + 4 + 32));
        b.writeBytes("8db42d694ccc418790edff439fe026bf".getBytes(StandardCharsets.ISO_8859_1));
        byte[] trailer = b.toByteArray();
        // What makes it no box: its first 4 bytes, as a size, are not one.
        trailer[0] = (byte) 0xA5;
        p.afterMoov.add(trailer);
        p.tail = trailer;
        p.description += ", trailer of " + trailer.length + " bytes";
        return p;
    }

    private static Plan iosXmp(Random r) throws IOException {
        Plan p = plain(r, "hevc-aac.mp4");
        p.quickTime = true;
        p.ftyp = new FileTypeBox(FourCC.of("ftyp"), FourCC.of("qt  "), 0, List.of(FourCC.of("qt  ")));
        p.beforeMdat.add(new byte[] {0, 0, 0, 8, 'w', 'i', 'd', 'e'});
        String xmp = "<?xpacket begin='\uFEFF' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/' x:xmptk='XMP Core 6.0.0'>\n"
                + " <rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n"
                + "  <rdf:Description rdf:about='' xmlns:xmp='http://ns.adobe.com/xap/1.0/'>\n"
                + "   <xmp:CreateDate>2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10)
                + "T10:00:00+02:00</xmp:CreateDate>\n"
                + "   <xmp:CreatorTool>" + (17 + r.nextInt(3)) + ".1</xmp:CreatorTool>\n"
                + "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n" + " ".repeat(r.nextInt(2000))
                + "<?xpacket end='w'?>";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(java.util.HexFormat.of().parseHex("be7acfcb97a942e89c71999491e3afac"));
        b.writeBytes(xmp.getBytes(StandardCharsets.UTF_8));
        byte[] uuid = boxBytes("uuid", b.toByteArray());
        p.afterMdat.add(uuid);
        p.tail = uuid;
        p.description += ", uuid XMP of " + uuid.length + " bytes";
        return p;
    }

    private static Plan canon(Random r) throws IOException {
        Plan p = new Plan();
        p.ftyp = new FileTypeBox(FourCC.of("ftyp"), FourCC.of("mp42"), 1,
                List.of(FourCC.of("mp42"), FourCC.of("mp41"), FourCC.of("isom")));
        List<Track> src = fixture("h264-aac.mp4");
        int video = p.add(src.get(0));
        int audio = p.add(src.get(1));
        p.align = r.nextBoolean() ? 512 : 32 << 10;
        double chunkSeconds = 0.2 * (1 + r.nextInt(5));
        p.chunks.addAll(byDuration(p, r.nextBoolean() ? List.of(video, audio) : List.of(audio, video),
                chunkSeconds));
        p.description = "chunks of " + chunkSeconds + " s aligned to " + p.align;
        return p;
    }

    private static Plan preallocated(Random r) throws IOException {
        Plan p = plain(r, r.nextBoolean() ? "h264-aac.mp4" : "hevc-aac.mp4");
        p.tail = new byte[(64 << 10) * (1 + r.nextInt(16))];
        p.description += ", " + p.tail.length + " zero bytes after the cut";
        return p;
    }

    /** Video and audio of a fixture, per packet (as libavformat writes) or in chunks of a few tenths of a second. */
    private static Plan plain(Random r, String fixture) throws IOException {
        Plan p = new Plan();
        List<Track> src = fixture(fixture);
        int video = p.add(src.get(0));
        int audio = p.add(src.get(1));
        if (r.nextBoolean()) {
            p.chunks.addAll(perPacket(p, List.of(video, audio)));
            p.description = fixture + " per packet";
        } else {
            double chunkSeconds = 0.2 * (1 + r.nextInt(5));
            p.chunks.addAll(byDuration(p, List.of(video, audio), chunkSeconds));
            p.description = fixture + " in chunks of " + chunkSeconds + " s";
        }
        return p;
    }

    // ---------------------------------------------------------------- interleaving

    /**
     * As libavformat's muxers write: packets in decode time order (ties in {@code tracks} order), consecutive
     * samples of one track forming a chunk.
     */
    private static List<Chunk> perPacket(Plan p, List<Integer> tracks) {
        record Item(int track, int index, double seconds, int rank) {
        }
        List<Item> items = new ArrayList<>();
        for (int rank = 0; rank < tracks.size(); rank++) {
            Track t = p.tracks.get(tracks.get(rank));
            for (int i = 0; i < t.samples.size(); i++) {
                items.add(new Item(tracks.get(rank), i, t.samples.get(i).seconds(t.timescale()), rank));
            }
        }
        items.sort(Comparator.comparingDouble(Item::seconds).thenComparingInt(Item::rank));
        List<Chunk> out = new ArrayList<>();
        for (Item it : items) {
            Chunk last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.track() == it.track() && last.to() == it.index()) {
                out.set(out.size() - 1, new Chunk(it.track(), last.from(), it.index() + 1));
            } else {
                out.add(new Chunk(it.track(), it.index(), it.index() + 1));
            }
        }
        return out;
    }

    /**
     * As cameras and StandardWriter write: each track's samples in chunks lasting {@code seconds}, the chunks in
     * the order of their first decode time (ties in {@code tracks} order).
     */
    private static List<Chunk> byDuration(Plan p, List<Integer> tracks, double seconds) {
        record Item(Chunk chunk, double start, int rank) {
        }
        List<Item> items = new ArrayList<>();
        for (int rank = 0; rank < tracks.size(); rank++) {
            int ti = tracks.get(rank);
            Track t = p.tracks.get(ti);
            int from = 0;
            for (int i = 1; i <= t.samples.size(); i++) {
                if (i == t.samples.size() || t.samples.get(i).seconds(t.timescale())
                        >= t.samples.get(from).seconds(t.timescale()) + seconds - 1e-9) {
                    items.add(new Item(new Chunk(ti, from, i), t.samples.get(from).seconds(t.timescale()), rank));
                    from = i;
                }
            }
        }
        items.sort(Comparator.comparingDouble(Item::start).thenComparingInt(Item::rank));
        return items.stream().map(Item::chunk).toList();
    }

    /** Gives a track whose samples were added in file order decode times that increase in that order. */
    private static void timeFromOrder(Track t, long timescale, long seconds) {
        List<S> s = new ArrayList<>(t.samples);
        t.samples.clear();
        long total = seconds * timescale;
        long step = Math.max(1, total / s.size());
        for (int i = 0; i < s.size(); i++) {
            t.samples.add(new S(s.get(i).data(), i * step, 0, i == s.size() - 1 ? Math.max(1, total - i * step)
                    : step, true));
        }
    }

    // ---------------------------------------------------------------- sources

    /** The fixture's tracks with their samples, the edit lists made open-ended (the media may be looped). */
    private static List<Track> fixture(String name) throws IOException {
        Path file = Fixtures.file(name);
        byte[] all = Files.readAllBytes(file);
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        List<Track> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            List<EditListBox.Entry> edits = null;
            for (EditListBox.Entry e : t.editList()) {
                if (e.mediaTime() >= 0) {
                    edits = List.of(new EditListBox.Entry(-1, e.mediaTime(), e.mediaRateInteger(),
                            e.mediaRateFraction()));
                    break;
                }
            }
            Track track = new Track(new TrackSpec(t.handlerType(), t.timescale(),
                    (SampleEntry) t.sampleDescriptions().get(0), "und", edits));
            for (int i = 0; i < t.sampleCount(); i++) {
                byte[] data = Arrays.copyOfRange(all, (int) t.offset(i), (int) (t.offset(i) + t.size(i)));
                track.samples.add(new S(data, t.dts(i), (int) (t.cts(i) - t.dts(i)), t.duration(i), t.isSync(i)));
            }
            out.add(track);
        }
        return out;
    }

    /** The tracks played {@code times} times in a row (H.264 restarts at an IDR; AAC frames stand alone). */
    private static List<Track> looped(List<Track> tracks, int times) {
        for (Track t : tracks) {
            List<S> once = new ArrayList<>(t.samples);
            long length = t.end();
            for (int k = 1; k < times; k++) {
                for (S s : once) {
                    t.samples.add(new S(s.data(), s.dts() + k * length, s.cto(), s.duration(), s.sync()));
                }
            }
        }
        return tracks;
    }

    // ---------------------------------------------------------------- writing

    private static List<long[]> write(Plan p, Path out) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(BoxWriter.toBytes(p.ftyp));
        p.beforeMdat.forEach(f::writeBytes);
        int mdat = f.size();
        f.writeBytes(new byte[] {0, 0, 0, 0, 'm', 'd', 'a', 't'});
        List<SampleTableBuilder> tables = new ArrayList<>();
        for (int i = 0; i < p.tracks.size(); i++) {
            tables.add(new SampleTableBuilder());
        }
        List<long[]> padding = new ArrayList<>();
        int[] written = new int[p.tracks.size()];
        for (Chunk c : p.chunks) {
            if (p.align > 0 && f.size() % p.align != 0) {
                int pad = p.align - f.size() % p.align;
                padding.add(new long[] {f.size(), f.size() + pad});
                f.writeBytes(new byte[pad]);
            }
            if (c.from() != written[c.track()]) {
                throw new IllegalStateException("track " + c.track() + " chunk from " + c.from() + " after "
                        + written[c.track()] + " samples");
            }
            written[c.track()] = c.to();
            SampleTableBuilder t = tables.get(c.track());
            t.startChunk(f.size(), 1);
            for (int i = c.from(); i < c.to(); i++) {
                S s = p.tracks.get(c.track()).samples.get(i);
                t.addSample(s.data().length, s.duration(), s.cto(), s.sync());
                f.writeBytes(s.data());
            }
        }
        for (int i = 0; i < written.length; i++) {
            if (written[i] != p.tracks.get(i).samples.size()) {
                throw new IllegalStateException("track " + i + ": " + written[i] + " of "
                        + p.tracks.get(i).samples.size() + " samples placed");
            }
        }
        byte[] bytes = f.toByteArray();
        ByteBuffer.wrap(bytes, mdat, 4).putInt(bytes.length - mdat);
        f = new ByteArrayOutputStream();
        f.writeBytes(bytes);
        p.afterMdat.forEach(f::writeBytes);
        List<TrackSpec> specs = new ArrayList<>();
        List<MovieBuilder.TrackMedia> media = new ArrayList<>();
        for (int i = 0; i < p.tracks.size(); i++) {
            Track t = p.tracks.get(i);
            specs.add(t.spec);
            long first = t.samples.get(0).dts();
            long minCts = t.samples.stream().mapToLong(s -> s.dts() + s.cto()).min().orElse(first);
            media.add(new MovieBuilder.TrackMedia(tables.get(i), Math.max(0, minCts - first)));
        }
        f.writeBytes(BoxWriter.toBytes(moov(MovieBuilder.standard(specs, media), p.tracks)));
        p.afterMoov.forEach(f::writeBytes);
        Files.write(out, f.toByteArray());
        return padding;
    }

    /** MovieBuilder's moov with each track's display matrix and track references. */
    private static MovieBox moov(MovieBox built, List<Track> tracks) {
        List<Box> children = new ArrayList<>();
        int ti = 0;
        for (Box b : built.children()) {
            if (!(b instanceof TrackBox trak)) {
                children.add(b);
                continue;
            }
            Track t = tracks.get(ti++);
            List<Box> boxes = new ArrayList<>();
            for (Box c : trak.children()) {
                if (c instanceof TrackHeaderBox h && t.matrix != null) {
                    boxes.add(new TrackHeaderBox(h.version(), h.flags(), h.creationTime(), h.modificationTime(),
                            h.trackId(), h.duration(), h.layer(), h.alternateGroup(), h.volume(), t.matrix, h.width(),
                            h.height()));
                } else {
                    boxes.add(c);
                }
                if (c instanceof TrackHeaderBox && t.trefType != null) {
                    ByteBuffer tref = ByteBuffer.allocate(8 + 4 * t.trefTargets.length);
                    tref.putInt(tref.capacity()).put(t.trefType.getBytes(StandardCharsets.ISO_8859_1));
                    for (int target : t.trefTargets) {
                        tref.putInt(target + 1);
                    }
                    boxes.add(RawBox.of(FourCC.of("tref"), tref.array()));
                }
            }
            children.add(new TrackBox(boxes));
        }
        return new MovieBox(children);
    }

    // ---------------------------------------------------------------- synthetic metadata

    /** One GPMF {@code DEVC} sample: a camera with an accelerometer and a gyroscope stream. */
    private static byte[] gpmf(Random r, int second) {
        ByteArrayOutputStream devc = new ByteArrayOutputStream();
        devc.writeBytes(klv("DVID", 'L', 4, 1, u32(1)));
        devc.writeBytes(klv("DVNM", 'c', 1, 6, "Camera".getBytes(StandardCharsets.ISO_8859_1)));
        for (String sensor : new String[] {"ACCL", "GYRO"}) {
            int n = (sensor.equals("ACCL") ? 200 : 400) + r.nextInt(8);
            ByteArrayOutputStream strm = new ByteArrayOutputStream();
            strm.writeBytes(klv("STMP", 'J', 8, 1, ByteBuffer.allocate(8).putLong(second * 1_001_000L
                    + r.nextInt(1000)).array()));
            strm.writeBytes(klv("TSMP", 'L', 4, 1, u32((second + 1) * n)));
            byte[] name = (sensor.equals("ACCL") ? "Accelerometer" : "Gyroscope").getBytes(StandardCharsets.ISO_8859_1);
            strm.writeBytes(klv("STNM", 'c', 1, name.length, name));
            strm.writeBytes(klv("SCAL", 's', 2, 1, new byte[] {1, (byte) 0xA2}));
            byte[] values = new byte[6 * n];
            for (int i = 0; i < values.length; i += 2) {
                int v = (int) Math.round(400 * Math.sin(i * 0.01 + second) + r.nextGaussian() * 20);
                values[i] = (byte) (v >> 8);
                values[i + 1] = (byte) v;
            }
            strm.writeBytes(klv(sensor, 's', 6, n, values));
            devc.writeBytes(klv("STRM", '\0', 1, strm.size(), strm.toByteArray()));
        }
        return klv("DEVC", '\0', 1, devc.size(), devc.toByteArray());
    }

    /** A GPMF KLV entry: key, type, struct size, repeat, payload padded to 4 bytes. */
    private static byte[] klv(String key, char type, int structSize, int repeat, byte[] payload) {
        int length = structSize * repeat;
        ByteBuffer b = ByteBuffer.allocate(8 + ((length + 3) & ~3));
        b.put(key.getBytes(StandardCharsets.ISO_8859_1)).put((byte) type).put((byte) structSize)
                .putShort((short) repeat).put(payload, 0, length);
        return b.array();
    }

    /** The first fdsc sample: {@code GPRO}, firmware and serial strings, 300 bytes. */
    private static byte[] fdscFirst(Random r) {
        ByteBuffer b = ByteBuffer.allocate(300);
        b.put("GPRO".getBytes(StandardCharsets.ISO_8859_1)).putInt(0x2c010000);
        b.put("HD5.02.02.00.00LAE6101111240024".getBytes(StandardCharsets.ISO_8859_1));
        b.position(80);
        b.put(random(r, 16));
        b.put("HERO5 Black".getBytes(StandardCharsets.ISO_8859_1));
        b.position(160);
        b.put(random(r, 60));
        return b.array();
    }

    /** The second fdsc sample: {@code GP 03 01}, 152 bytes. */
    private static byte[] fdscSecond(Random r) {
        ByteBuffer b = ByteBuffer.allocate(152);
        b.put(new byte[] {'G', 'P', 3, 1}).putInt(0xd6f9).putInt(3003);
        b.put(random(r, 40));
        return b.array();
    }

    /** A 16-byte fdsc sample before a sample of {@code type} (0 video, 4 audio, 5 timecode) of {@code size}. */
    private static byte[] fdscBefore(int type, int size, int scale) {
        return ByteBuffer.allocate(16).put(new byte[] {'G', 'P', (byte) type, (byte) (type == 0 ? 3 : 0)})
                .putInt(size).putInt(scale).putInt(0).array();
    }

    /** A DJI-like protobuf message: a fixed header message, then frame, position and camera fields. */
    private static byte[] djmd(Random r, int frame) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x0A, 0x09, 0x08, 0x01, 0x12, 0x05, 'D', 'J', 'I', '0', '1'});
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x08);
        varint(f, frame);
        f.write(0x10);
        varint(f, 1_700_000_000_000L + frame * 40_000L + r.nextInt(100));
        lengthDelimited(b, 2, f.toByteArray());
        ByteArrayOutputStream gps = new ByteArrayOutputStream();
        gps.write(0x09);
        gps.writeBytes(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putDouble(46.5 + r.nextDouble() / 1000).array());
        gps.write(0x11);
        gps.writeBytes(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putDouble(6.6 + r.nextDouble() / 1000).array());
        gps.write(0x18);
        varint(gps, 400 + r.nextInt(100));
        lengthDelimited(b, 3, gps.toByteArray());
        ByteArrayOutputStream cam = new ByteArrayOutputStream();
        cam.write(0x08);
        varint(cam, 100 << r.nextInt(5));
        cam.write(0x10);
        varint(cam, 1 + r.nextInt(8000));
        byte[] note = new byte[r.nextInt(60)];
        for (int i = 0; i < note.length; i++) {
            note[i] = (byte) ('a' + r.nextInt(26));
        }
        lengthDelimited(cam, 3, note);
        lengthDelimited(b, 4, cam.toByteArray());
        return b.toByteArray();
    }

    private static void lengthDelimited(ByteArrayOutputStream out, int field, byte[] payload) {
        out.write(field << 3 | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A Sony rtmd-like sample: SMPTE KLV items (a universal label key, a BER length, a value), fixed size. */
    private static byte[] rtmd(Random r, int size, int frame) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(java.util.HexFormat.of().parseHex("060e2b34025301010c02010101010000"));
        b.put((byte) 0x83).put((byte) 0).putShort((short) (size - 20));
        while (b.remaining() >= 8) {
            int tag = 0x8000 + r.nextInt(64);
            int n = Math.min(b.remaining() - 4, 4 + r.nextInt(12));
            b.putShort((short) tag).putShort((short) n);
            b.put(n >= 4 ? ByteBuffer.allocate(n).putInt(frame).array() : new byte[n]);
        }
        return b.array();
    }

    /** A QuickTime metadata sample entry's {@code keys} box: key ids 1, 2, ... in the {@code mdta} namespace. */
    private static byte[] keys(String... names) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++) {
            ByteArrayOutputStream k = new ByteArrayOutputStream();
            byte[] name = names[i].getBytes(StandardCharsets.UTF_8);
            k.writeBytes(boxBytes("keyd", concat("mdta".getBytes(StandardCharsets.ISO_8859_1), name)));
            k.writeBytes(boxBytes("dtyp", concat(u32(0), u32(0))));
            b.writeBytes(box(i + 1, k.toByteArray()));
        }
        return boxBytes("keys", b.toByteArray());
    }

    /** A 90 or 270 degree rotation as a QuickTime display matrix. */
    private static Matrix rotation(int degrees, int height) {
        return degrees == 90 ? new Matrix(0, 0x10000, 0, -0x10000, 0, 0, height << 16, 0, 0x40000000)
                : new Matrix(0, -0x10000, 0, 0x10000, 0, 0, 0, height << 16, 0x40000000);
    }

    // ---------------------------------------------------------------- bytes

    private static byte[] box(int type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length).putInt(type).put(payload).array();
    }

    private static byte[] boxBytes(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload).array();
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    private static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

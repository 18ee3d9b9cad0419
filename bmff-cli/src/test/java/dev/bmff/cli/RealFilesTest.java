package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command over the recordings in {@code fixtures/real/} (cameras, phones, a packager: see its README), as a
 * user runs them: a good recording verifies as sound; frag then defrag, and finalize of the fragmented copy, give
 * back every packet of every stream byte for byte (ffmpeg's framemd5 and streamhash, and our own sample index),
 * with the same tracks, handlers, sample entries, tref and edit lists; media segments read with their init segment.
 */
class RealFilesTest {
    @TempDir
    Path dir;

    /** The whole recordings (not the CMAF segments, which need their init segment). */
    static Stream<String> recordings() {
        return Stream.of("karma.mp4", "meta.mov", "sample_with_color_info.mp4",
                "hlg10-color-test.mp4", "h265_with_metadata_track.mp4",
                "pixel-motion-photo-2-hevc-tracks.mp4");
    }

    static Path real(String name) {
        Path p = Fixtures.dir().resolve("real").resolve(name);
        assertTrue(Files.isRegularFile(p), p + " is missing (see fixtures/real/README.md)");
        return p;
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void verify_goodRecording_isSound(String name) {
        CliTest.Run r = CliTest.run("verify", real(name).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(": sound"), r.out());
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void fragDefragAndFinalize_giveBackEveryPacketAndTrack(String name) throws Exception {
        Path source = real(name);
        Path frag = dir.resolve("frag.mp4");
        Path back = dir.resolve("back.mp4");
        Path fin = dir.resolve("final.mp4");
        CliTest.Run r = CliTest.run("frag", "--no-progress", source.toString(), frag.toString());
        assertEquals(0, r.code(), r.err());
        r = CliTest.run("defrag", "--no-progress", frag.toString(), back.toString());
        assertEquals(0, r.code(), r.err());
        r = CliTest.run("finalize", "--no-progress", frag.toString(), fin.toString());
        assertEquals(0, r.code(), r.out() + r.err());

        List<String> packets = packets(source);
        for (Path out : List.of(frag, back, fin)) {
            assertSameTracks(source, out, out == frag);
            assertSameSamples(source, out);
            assertEquals(0, CliTest.run("verify", out.toString()).code(), out + " verifies as sound");
        }
        for (Path out : List.of(back, fin)) {
            assertEquals(String.join("\n", packets), String.join("\n", packets(out)),
                    out.getFileName() + ": every packet (stream, dts, pts, size, md5) and every stream's hash");
        }
    }

    @Test
    void tracks_rawSampleEntries_areNamed() {
        CliTest.Run r = CliTest.run("tracks", real("karma.mp4").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(2).contains("\"codec\":\"tmcd\""), lines.get(2));
        assertTrue(lines.get(3).contains("\"codec\":\"gpmd\""), lines.get(3));
        assertTrue(lines.get(4).contains("\"codec\":\"fdsc\""), lines.get(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"video_1.m4s", "video_2.m4s", "audio_1.m4s", "audio_2.m4s"})
    void mediaSegment_withItsInit_isReadVerifiedAndDefragmented(String segment) throws Exception {
        Path seg = real("cmaf-shaka/" + segment);
        Path init = real("cmaf-shaka/" + segment.substring(0, segment.indexOf('_')) + "_init.mp4");

        CliTest.Run alone = CliTest.run("verify", seg.toString());
        assertEquals(0, alone.code(), alone.out());
        assertTrue(alone.out().contains("warning") && alone.out().contains("--init"), alone.out());
        assertEquals(Main.EXIT_FAILURE, CliTest.run("samples", seg.toString()).code(), "a lone segment: use --init");

        CliTest.Run verify = CliTest.run("verify", "--init", init.toString(), seg.toString());
        assertEquals(0, verify.code(), verify.out());
        assertTrue(verify.out().contains("1 track"), verify.out());

        // What ffmpeg reads from the init segment and the media segment joined, as a player fetches them.
        Path joined = dir.resolve("joined.mp4");
        Files.write(joined, concat(Files.readAllBytes(init), Files.readAllBytes(seg)));
        CliTest.Run samples = CliTest.run("samples", "--init", init.toString(), seg.toString());
        assertEquals(0, samples.code(), samples.err());
        int count = samples.outLines().size() - 1;
        assertEquals(ffprobePackets(joined), count, "one line per sample");
        long segmentSize = Files.size(seg);
        for (String line : samples.outLines().subList(1, samples.outLines().size())) {
            String[] f = line.split(",");
            assertTrue(Long.parseLong(f[2]) + Long.parseLong(f[3]) <= segmentSize, "offsets are in the segment: "
                    + line);
        }

        Path out = dir.resolve("segment.mp4");
        CliTest.Run defrag = CliTest.run("defrag", "--no-progress", "--init", init.toString(), seg.toString(),
                out.toString());
        assertEquals(0, defrag.code(), defrag.err());
        assertEquals(relative(packets(joined)), relative(packets(out)),
                "every packet of the segment, at the same times relative to its first");
        assertEquals("", ExternalTools.decodeErrors(out));
    }

    // ---- comparisons ----

    /**
     * ffmpeg's view of every packet: framemd5 lines (stream, dts, pts, size, md5; the duration column is left out:
     * ffmpeg derives the last packet's from header durations) for every stream but raw PCM, whose packets ffmpeg
     * cuts at chunk boundaries, then streamhash (all of a stream's bytes) for every stream.
     */
    static List<String> packets(Path file) {
        List<String> lines = new ArrayList<>();
        Set<String> pcm = new HashSet<>();
        for (String l : ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0",
                "-c", "copy", "-f", "framemd5", "-").lines().toList()) {
            if (l.startsWith("#codec_id") && l.contains("pcm_")) {
                pcm.add(l.substring("#codec_id ".length(), l.indexOf(':')).strip());
            }
            if (l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(",");
            if (!pcm.contains(f[0].strip())) {
                lines.add(f[0].strip() + "," + f[1].strip() + "," + f[2].strip() + "," + f[4].strip() + ","
                        + f[5].strip());
            }
        }
        ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0", "-c", "copy",
                "-f", "streamhash", "-").lines().forEach(lines::add);
        return lines;
    }

    /** framemd5 lines with each stream's times counted from its first packet's dts. */
    private static List<String> relative(List<String> packets) {
        java.util.Map<String, Long> first = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (String l : packets) {
            String[] f = l.split(",");
            if (f.length != 5) {
                out.add(l);
                continue;
            }
            long base = first.computeIfAbsent(f[0], k -> Long.parseLong(f[1]));
            out.add(f[0] + "," + (Long.parseLong(f[1]) - base) + "," + (Long.parseLong(f[2]) - base) + "," + f[3] + ","
                    + f[4]);
        }
        return out;
    }

    private static int ffprobePackets(Path file) {
        return (int) ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "packet=size", "-of", "csv=p=0",
                file.toString()).lines().filter(l -> !l.isBlank()).count();
    }

    /**
     * Same tracks in the same order: handler type and name, sample entry type, tref (by track order), edit list. In
     * a fragmented output a last media edit that reaches the end of the media says so with duration 0 (a player
     * rule, docs/writing.md), so there its duration is left out; defragmented again it is the source's.
     */
    static void assertSameTracks(Path source, Path out, boolean fragmentedOut) throws IOException {
        SampleIndex a = SampleIndex.of(BoxReader.read(source, ReadOptions.strict()));
        SampleIndex b = SampleIndex.of(BoxReader.read(out, ReadOptions.strict()));
        assertEquals(describe(a, fragmentedOut), describe(b, fragmentedOut), out.getFileName() + ": tracks");
    }

    private static List<String> describe(SampleIndex index, boolean lastMediaEditOpen) {
        List<Long> ids = index.tracks().stream().map(TrackSamples::trackId).toList();
        List<String> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            StringBuilder sb = new StringBuilder();
            HandlerBox hdlr = t.trackBox().first(MediaBox.class).flatMap(m -> m.first(HandlerBox.class)).orElseThrow();
            sb.append(t.handlerType()).append(" '").append(new String(hdlr.name().toArray(), java.nio.charset.StandardCharsets.ISO_8859_1)).append("' ")
                    .append(t.sampleDescriptions().get(0).type());
            for (Box box : t.trackBox().children()) {
                if (box.type().toString().equals("tref") && box instanceof RawBox raw && raw.payload() instanceof Bytes p) {
                    ByteBuffer bb = ByteBuffer.wrap(p.toArray());
                    while (bb.remaining() >= 8) {
                        int size = bb.getInt();
                        byte[] type = new byte[4];
                        bb.get(type);
                        sb.append(" tref ").append(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
                        for (int k = 0; k < (size - 8) / 4; k++) {
                            sb.append(" #").append(ids.indexOf(Integer.toUnsignedLong(bb.getInt())));
                        }
                    }
                }
            }
            long dts0 = t.sampleCount() == 0 ? 0 : t.dts(0);
            List<EditListBox.Entry> edits = t.editList();
            for (int i = 0; i < edits.size(); i++) {
                EditListBox.Entry e = edits.get(i);
                boolean open = lastMediaEditOpen && i == edits.size() - 1 && e.mediaTime() >= 0;
                sb.append(String.format(java.util.Locale.ROOT, " edit %s from %d rate %d",
                        open ? "(last)" : String.format(java.util.Locale.ROOT, "%.6f s",
                                (double) e.segmentDuration() / t.movieTimescale()),
                        e.mediaTime() < 0 ? -1 : e.mediaTime() - dts0, e.mediaRateInteger()));
            }
            t.trackBox().first(TrackHeaderBox.class).ifPresent(h -> sb.append(" matrix ").append(h.matrix())
                    .append(" size ").append(h.width()).append('x').append(h.height()));
            out.add(sb.toString());
        }
        return out;
    }

    /** Same samples track by track: bytes, decode time from the first, composition offset, duration, sync. */
    static void assertSameSamples(Path source, Path out) throws Exception {
        SampleIndex a = SampleIndex.of(BoxReader.read(source, ReadOptions.strict()));
        SampleIndex b = SampleIndex.of(BoxReader.read(out, ReadOptions.strict()));
        assertEquals(a.tracks().size(), b.tracks().size(), "track count");
        try (FileChannel ca = FileChannel.open(source); FileChannel cb = FileChannel.open(out)) {
            for (int k = 0; k < a.tracks().size(); k++) {
                assertEquals(samples(a.tracks().get(k), ca), samples(b.tracks().get(k), cb),
                        out.getFileName() + ": samples of track " + (k + 1));
            }
        }
    }

    private static List<String> samples(TrackSamples t, FileChannel ch) throws Exception {
        List<String> out = new ArrayList<>();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (int i = 0; i < t.sampleCount(); i++) {
            byte[] data = PositionalReads.readFully(ch, t.offset(i), Math.toIntExact(t.size(i)));
            out.add(i + ": " + (t.dts(i) - t.dts(0)) + " " + (t.cts(i) - t.dts(i)) + " " + t.duration(i) + " "
                    + t.isSync(i) + " " + t.size(i) + " " + HexFormat.of().formatHex(md5.digest(data)));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.cli.CliTest.Run;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on every command a script would call: stdout is one JSON document (parsed strictly here) with
 * the documented field names, stderr stays empty without {@code --progress}; a failure is still one line on
 * stderr, nothing on stdout and a non-zero exit.
 */
class JsonOutputTest {
    @TempDir
    Path dir;

    private static Map<?, ?> document(Run r) {
        assertFalse(r.out().isBlank(), () -> "nothing on stdout; stderr: " + r.err());
        assertEquals(1, r.outLines().size(), () -> "one line, one document: " + r.out());
        return assertInstanceOf(Map.class, JsonParser.parse(r.out().strip()));
    }

    private static void assertKeys(Map<?, ?> m, String... keys) {
        assertEquals(List.of(keys), new ArrayList<>(m.keySet()));
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    /** A recording that lost its moov, as a crashed camera leaves it: moov cut off, mdat size 0. */
    private Path lostMoov(Path good) throws IOException {
        var file = BoxReader.read(good, ReadOptions.strict());
        BoxNode mdat = file.nodes().stream().filter(n -> n.box() instanceof MediaDataBox).findFirst().orElseThrow();
        BoxNode moov = file.nodes().stream().filter(n -> n.box() instanceof MovieBox).findFirst().orElseThrow();
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(good), (int) moov.header().offset());
        Arrays.fill(bytes, (int) mdat.header().offset(), (int) mdat.header().offset() + 4, (byte) 0);
        Path broken = dir.resolve("camera.mp4");
        Files.write(broken, bytes);
        return broken;
    }

    @Test
    void samplesJson_fixture_everySampleOfTheIndex() throws IOException {
        Path file = Fixtures.file("h264-aac.mp4");
        Run r = CliTest.run("samples", "--json", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Map<?, ?> doc = document(r);
        assertKeys(doc, "tracks", "problems");
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        List<?> tracks = (List<?>) doc.get("tracks");
        assertEquals(index.tracks().size(), tracks.size());
        for (int k = 0; k < tracks.size(); k++) {
            TrackSamples t = index.tracks().get(k);
            Map<?, ?> track = (Map<?, ?>) tracks.get(k);
            assertKeys(track, "track", "timescale", "samples");
            assertEquals(t.trackId(), number(track.get("track")));
            List<?> samples = (List<?>) track.get("samples");
            assertEquals(t.sampleCount(), samples.size());
            for (int i : new int[] {0, t.sampleCount() / 2, t.sampleCount() - 1}) {
                Map<?, ?> s = (Map<?, ?>) samples.get(i);
                assertKeys(s, "index", "offset", "size", "dts", "cts", "duration", "sync");
                assertEquals(t.offset(i), number(s.get("offset")));
                assertEquals(t.size(i), number(s.get("size")));
                assertEquals(t.cts(i), number(s.get("cts")));
                assertEquals(t.isSync(i), s.get("sync"));
            }
        }
        assertEquals(List.of(), doc.get("problems"));
    }

    @Test
    void tracksJson_fixture_oneDocumentWithBothTracks() {
        Run r = CliTest.run("tracks", "--json", Fixtures.file("h264-aac.mp4").toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> doc = document(r);
        assertKeys(doc, "tracks", "problems");
        List<?> tracks = (List<?>) doc.get("tracks");
        assertEquals(List.of("avc1", "mp4a"), tracks.stream().map(t -> ((Map<?, ?>) t).get("codec")).toList());
        assertEquals(320L, number(((Map<?, ?>) tracks.get(0)).get("width")));
    }

    @Test
    void verifyJson_soundFixture_soundTrue() {
        Path file = Fixtures.file("h264-aac-frag.mp4");
        Run r = CliTest.run("verify", "--json", file.toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> doc = document(r);
        assertKeys(doc, "sound", "fileSize", "tracks", "problems", "warnings");
        assertEquals(true, doc.get("sound"));
    }

    @Test
    void repairJson_lostMoov_completeReportAndNoProgressInAPipe() throws IOException {
        Path good = Fixtures.file("h264-aac.mp4");
        Path broken = lostMoov(good);
        Path out = dir.resolve("fixed.mp4");
        Run r = CliTest.run("repair", "--json", good.toString(), broken.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "stderr is not a terminal: no progress");
        Map<?, ?> doc = document(r);
        assertEquals(true, doc.get("complete"));
        assertEquals("MOOV_REBUILT_FROM_REFERENCE", doc.get("kind"));
        List<?> tracks = (List<?>) doc.get("tracks");
        SampleIndex reference = SampleIndex.of(BoxReader.read(good, ReadOptions.strict()));
        assertEquals(reference.tracks().get(0).sampleCount(), number(((Map<?, ?>) tracks.get(0)).get("samples")));
        assertTrue(Files.isRegularFile(out));
    }

    @Test
    void repairWithProgress_barOnStderr_jsonStillAloneOnStdout() throws IOException {
        Path good = Fixtures.file("h264-aac.mp4");
        Run r = CliTest.run("repair", "--json", "--progress", good.toString(), lostMoov(good).toString(),
                dir.resolve("fixed.mp4").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(true, document(r).get("complete"));
        assertTrue(r.err().startsWith("\rbmff repair: ["), r.err());
        assertTrue(r.err().contains("100%") && r.err().endsWith("\n"), r.err());
        assertEquals(1, r.err().chars().filter(c -> c == '\n').count(), "redrawn in place, one line: " + r.err());
    }

    @Test
    void finalizeJson_fragmentedFixture_standardFile() {
        Path out = dir.resolve("final.mp4");
        Run r = CliTest.run("finalize", "--json", "--no-progress", Fixtures.file("h264-aac-frag.mp4").toString(),
                out.toString());
        // 0: a whole fragmented file (its trailing mfra index holds no media) is finalized completely.
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Map<?, ?> doc = document(r);
        assertTrue(doc.containsKey("kind") && doc.containsKey("tracks") && doc.containsKey("skipped"), r.out());
        assertEquals(true, doc.get("complete"));
        assertEquals(List.of(), doc.get("skipped"));
        assertTrue(Files.isRegularFile(out));
    }

    @Test
    void fragAndDefragJson_roundTrip_outputAndSize() throws IOException {
        Path frag = dir.resolve("frag.mp4");
        Path back = dir.resolve("back.mp4");
        Run f = CliTest.run("frag", "--json", Fixtures.file("h264-aac.mp4").toString(), frag.toString());
        assertEquals(0, f.code(), f.err());
        Map<?, ?> doc = document(f);
        assertKeys(doc, "input", "output", "layout", "bytes");
        assertEquals("fragmented", doc.get("layout"));
        assertEquals(Files.size(frag), number(doc.get("bytes")));

        Run d = CliTest.run("defrag", "--json", "--progress", frag.toString(), back.toString());
        assertEquals(0, d.code(), d.err());
        assertEquals("standard", document(d).get("layout"));
        assertEquals(back.toString(), document(d).get("output"));
        assertTrue(d.err().startsWith("\rbmff defrag: [") && d.err().endsWith("\n"), d.err());
    }

    @Test
    void undoJson_afterAnInPlaceRepair_restoredWithItsLength() throws IOException {
        Path good = Fixtures.file("h264-aac.mp4");
        Path broken = lostMoov(good);
        long length = Files.size(broken);
        Run repair = CliTest.run("repair", "--json", "--in-place", good.toString(), broken.toString(),
                dir.resolve("unused.mp4").toString());
        assertEquals("MOOV_REBUILT_IN_PLACE", document(repair).get("kind"), repair.out());
        Run r = CliTest.run("undo", "--json", broken.toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> doc = document(r);
        assertKeys(doc, "restored", "bytes");
        assertEquals(length, number(doc.get("bytes")));
    }

    @Test
    void recordJson_annexBAndAdts_framesCounted() throws IOException {
        Path mp4 = Fixtures.file("h264-aac.mp4");
        Path video = dir.resolve("v.h264");
        Path audio = dir.resolve("a.aac");
        ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", mp4.toString(), "-map", "0:v", "-c", "copy",
                "-bsf:v", "h264_mp4toannexb", "-f", "h264", video.toString(), "-map", "0:a", "-c", "copy", "-f",
                "adts", audio.toString());
        Path out = dir.resolve("rec.mp4");
        Run r = CliTest.run("record", "--json", "--progress", "--video", video.toString(), "--audio",
                audio.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> doc = document(r);
        assertKeys(doc, "output", "layout", "videoFrames", "audioFrames");
        SampleIndex source = SampleIndex.of(BoxReader.read(mp4, ReadOptions.strict()));
        assertEquals(source.tracks().get(0).sampleCount(), number(doc.get("videoFrames")));
        assertEquals("hybrid", doc.get("layout"));
        assertTrue(r.err().startsWith("\rbmff record: [") && r.err().contains(" pictures, "), r.err());
        assertTrue(r.err().endsWith("\n"), r.err());
    }

    @Test
    void demoJson_storyOnStderr_summaryOnStdout() {
        Path demo = dir.resolve("demo");
        Run r = CliTest.run("demo", "--json", demo.toString());
        assertEquals(0, r.code(), r.err());
        Map<?, ?> doc = document(r);
        assertKeys(doc, "ok", "dir", "crashed", "repaired", "finalized");
        assertEquals(true, doc.get("ok"));
        Map<?, ?> repaired = (Map<?, ?>) doc.get("repaired");
        assertKeys(repaired, "file", "samples", "complete", "sound");
        assertTrue(Files.isRegularFile(Path.of((String) repaired.get("file"))));
        assertTrue(number(((Map<?, ?>) doc.get("crashed")).get("samples")) > 0);
        assertTrue(r.err().contains("Every step succeeded."), r.err());
    }

    @Test
    void jsonErrors_missingFileOrCutFile_oneLineOnStderrNothingOnStdout() throws IOException {
        Path cut = dir.resolve("cut.mp4");
        byte[] whole = Files.readAllBytes(Fixtures.file("h264-aac.mp4"));
        Files.write(cut, Arrays.copyOf(whole, 30000));
        for (String[] args : List.of(new String[] {"verify", "--json", dir.resolve("none.mp4").toString()},
                new String[] {"samples", "--json", cut.toString()},
                new String[] {"tracks", "--json", cut.toString()},
                new String[] {"frag", "--json", cut.toString(), dir.resolve("f.mp4").toString()},
                new String[] {"undo", "--json", cut.toString()},
                new String[] {"repair", "--json", "--progress", "--no-progress", cut.toString(),
                        dir.resolve("r.mp4").toString()})) {
            Run r = CliTest.run(args);
            assertNotEquals(0, r.code(), () -> String.join(" ", args));
            assertEquals("", r.out(), () -> String.join(" ", args));
            CliTest.assertOneErrorLine(r);
        }
    }
}

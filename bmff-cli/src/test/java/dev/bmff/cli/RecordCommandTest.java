package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.io.BoxReader;
import dev.bmff.core.testing.Chromium;
import dev.bmff.core.testing.CmafRules;
import dev.bmff.core.write.CmafWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.PlayerChecks;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bmff record} end to end: an H.264 stream with B-frames and an ADTS AAC stream made by ffmpeg at
 * test time, recorded in every layout, in segments, from stdin of a child JVM, and interrupted by SIGINT;
 * ffmpeg decodes every output without a message and sees the stream's pictures, each once.
 */
class RecordCommandTest {
    private static final Path SCRATCH = Path.of("target", "record-test");
    private static Path h264;
    private static Path aac;
    private static List<String> sourceMd5;
    private static final PlayerChecks PLAYERS = new PlayerChecks();

    @TempDir
    Path tmp;

    @BeforeAll
    static void streams() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed");
        }
        Files.createDirectories(SCRATCH);
        h264 = SCRATCH.resolve("x.h264").toAbsolutePath();
        aac = SCRATCH.resolve("x.aac").toAbsolutePath();
        run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-frames:v", "75", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-bf", "2", "-g", "25", "-x264-params",
                "threads=1", "-f", "h264", h264.toString());
        run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "3", "-ac", "2", "-c:a", "aac", "-f", "adts", aac.toString());
        sourceMd5 = videoMd5(h264.toString());
        assertEquals(75, sourceMd5.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hybrid", "fragmented", "standard"})
    void annexBAndAdts_eachLayout_decodeToTheStreamsPictures(String layout) throws IOException {
        Path out = tmp.resolve("out-" + layout + ".mp4");
        CliTest.Run r = CliTest.run("record", "--video", h264.toString(), "--audio", aac.toString(), "--layout",
                layout, out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("recorded 75 pictures and 142 audio frames to " + out, r.out().strip());
        decodesCleanly(out.toString());
        assertEquals(sourceMd5, videoMd5(out.toString()), "every picture, once, in order");
        assertEquals("2", run("ffprobe", "-v", "error", "-show_entries", "format=nb_streams", "-of", "csv=p=0",
                out.toString()).strip(), "video and audio streams");
        // The players people use play the recording to its end: Chromium (MSE for the fragmented file) and
        // GStreamer, every picture and audio frame.
        if (layout.equals("fragmented")) {
            PLAYERS.fragmented(out, 75 + 142);
        } else {
            PLAYERS.progressive(out, 75 + 142);
        }
    }

    @AfterAll
    static void stopBrowser() {
        PLAYERS.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hybrid", "fragmented", "standard"})
    void segmentsOfOneSecond_joinedByConcat_giveEveryPictureOnce(String layout) throws IOException {
        String pattern = tmp.resolve("seg%03d.mp4").toString();
        CliTest.Run r = CliTest.run("record", "--video", h264.toString(), "--audio", aac.toString(), "--layout",
                layout, "--segment-seconds", "1", pattern);
        assertEquals(0, r.code(), r.err());
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Path seg = tmp.resolve(String.format("seg%03d.mp4", i));
            decodesCleanly(seg.toString());
            assertEquals(25, videoMd5(seg.toString()).size(), seg + " pictures");
            list.append("file '").append(seg).append("'\n");
        }
        assertTrue(Files.notExists(tmp.resolve("seg003.mp4")), "three segments of 1 s");
        Path listFile = tmp.resolve("list.txt");
        Files.writeString(listFile, list);
        assertEquals(sourceMd5, md5Column(run("ffmpeg", "-nostdin", "-v", "error", "-f", "concat", "-safe", "0",
                "-i", listFile.toString(), "-map", "0:v", "-f", "framemd5", "-")), "joined: every picture once");
    }

    @Test
    void videoFromStdinOfAChildJvm_recordsTheWholeStream() throws Exception {
        Path out = tmp.resolve("stdin.mp4");
        Process p = child(out, "hybrid").redirectInput(h264.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("child.err")));
        decodesCleanly(out.toString());
        assertEquals(sourceMd5, videoMd5(out.toString()));
    }

    @Test
    void sigintDuringARecordingFromASlowPipe_finalizesTheHybridFile() throws Exception {
        Path out = tmp.resolve("sigint.mp4");
        Process p = child(out, "hybrid").start();
        byte[] stream = Files.readAllBytes(h264);
        try (OutputStream pipe = p.getOutputStream()) {
            // Two thirds of the stream (two keyframes: a committed fragment), slowly, as a camera would.
            int part = stream.length * 2 / 3;
            for (int at = 0; at < part; at += 4096) {
                pipe.write(stream, at, Math.min(4096, part - at));
                pipe.flush();
                Thread.sleep(5);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(out) && Files.size(out) > 20_000) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(out), "recording started: " + Files.readString(tmp.resolve("child.err")));
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ended after SIGINT");
        } catch (IOException brokenPipe) {
            // The child may end before the pipe is closed: nothing more to send.
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ended after SIGINT");
        }
        String err = Files.readString(tmp.resolve("child.err"));
        assertTrue(err.contains("interrupted"), err);
        // Finalized in place: the standard moov is there, after the media data that hides the fragments.
        List<String> top = new ArrayList<>();
        BoxReader.read(out, ReadOptions.strict()).nodes().forEach(n -> top.add(n.header().type().toString()));
        assertEquals(List.of("ftyp", "mdat", "moov"), top);
        decodesCleanly(out.toString());
        List<String> got = videoMd5(out.toString());
        assertTrue(got.size() >= 25 && got.size() <= 75, got.size() + " pictures");
        assertEquals(sourceMd5.subList(0, got.size()), got, "the pictures recorded, in order");
    }

    @Test
    void cmafLayout_aLivePlaylistThatKeepsTheRulesAndPlaysTheStream() throws IOException {
        Path live = tmp.resolve("live");
        CliTest.Run r = CliTest.run("record", "--video", h264.toString(), "--audio", aac.toString(), "--layout", "cmaf",
                "--segment-seconds", "1", live.toString());
        assertEquals(0, r.code(), r.err());
        Path playlist = live.resolve(CmafWriter.PLAYLIST);
        assertEquals(List.of(), CmafRules.check(playlist, true));
        assertEquals(3, CmafRules.playlist(playlist).segments().size(), "three segments of 1 s");
        String master = Files.readString(live.resolve(CmafWriter.MASTER));
        assertTrue(master.matches("(?s).*CODECS=\"avc1\\.64[0-9a-f]{4},mp4a\\.40\\.2\".*"), master);
        assertEquals("avc1", run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "stream=codec_tag_string", "-of", "csv=p=0", live.resolve(CmafWriter.INIT).toString()).strip(),
                "hvc1/avc1: parameter sets in the sample entry");
        assertEquals(sourceMd5, videoMd5(playlist.toString()), "the playlist plays every picture once");
        assertEquals(Main.EXIT_USAGE, CliTest.run("record", "--video", h264.toString(), "--layout", "cmaf",
                live.toString()).code(), "a directory that holds a recording is not overwritten");
    }

    @Test
    void cmafLayout_readWhileRecording_everyListedSegmentPlays() throws Exception {
        Path live = tmp.resolve("live");
        Path playlist = live.resolve(CmafWriter.PLAYLIST);
        Process p = recorder("--video", "-", "--layout", "cmaf", "--segment-seconds", "1", live.toString()).start();
        byte[] stream = Files.readAllBytes(h264);
        try (OutputStream pipe = p.getOutputStream()) {
            // Two thirds of the camera's stream: the first segment is cut at the second keyframe.
            pipe.write(stream, 0, stream.length * 2 / 3);
            pipe.flush();
            awaitWhileRecording(playlist);
            // A player reading now: the rules hold, no EXT-X-ENDLIST, and every listed segment plays.
            assertEquals(List.of(), CmafRules.check(playlist, false));
            CmafRules.Playlist now = CmafRules.playlist(playlist);
            assertTrue(!now.segments().isEmpty());
            for (String segment : now.segments()) {
                Path joined = tmp.resolve("joined-" + segment + ".mp4");
                Files.write(joined, Files.readAllBytes(live.resolve(CmafWriter.INIT)));
                Files.write(joined, Files.readAllBytes(live.resolve(segment)), StandardOpenOption.APPEND);
                decodesCleanly(joined.toString());
                assertEquals(25, videoMd5(joined.toString()).size(), segment + ": a second of pictures");
            }
            pipe.write(stream, stream.length * 2 / 3, stream.length - stream.length * 2 / 3);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("child.err")));
        assertEquals(List.of(), CmafRules.check(playlist, true));
        assertEquals(sourceMd5, videoMd5(playlist.toString()));
    }

    /**
     * The issue's proof: Chromium plays {@code bmff record --layout cmaf} while it records. The camera's stream
     * reaches the child JVM through a pipe; once the page has fetched the first segment, the rest follows a
     * second later at a camera's pace, so the player starts on the first segment, appends the others as the
     * playlist lists them and ends after {@code EXT-X-ENDLIST}. GStreamer then plays the finished presentation
     * through hlsdemux2, and its qtdemux the init segment and the segments joined, as one fragmented file.
     */
    @Test
    void cmafLayout_chromiumPlaysTheRecordingWhileItIsWritten() throws Exception {
        Path live = tmp.resolve("live");
        Chromium chrome = PLAYERS.chrome();
        Process p = recorder("--video", "-", "--audio", aac.toString(), "--layout", "cmaf", "--segment-seconds", "1",
                live.toString()).start();
        byte[] stream = Files.readAllBytes(h264);
        CompletableFuture<Void> camera = CompletableFuture.runAsync(() -> {
            try (OutputStream pipe = p.getOutputStream()) {
                // Two thirds: the first segments are cut; the rest once the player has the first one.
                pipe.write(stream, 0, stream.length * 2 / 3);
                pipe.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!chrome.served(live, "seg-00000.m4s") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // Then at a camera's pace: a tenth of a second's worth every 100 ms after a second's pause.
                Thread.sleep(1000);
                int step = stream.length / 30;
                for (int at = stream.length * 2 / 3; at < stream.length; at += step) {
                    pipe.write(stream, at, Math.min(step, stream.length - at));
                    pipe.flush();
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Chromium.LivePlayback played = PLAYERS.hlsLive(live, CmafWriter.MASTER, 75, 3.0);
        camera.join();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("child.err")));
        Path playlist = live.resolve(CmafWriter.PLAYLIST);
        assertEquals(List.of(), CmafRules.check(playlist, true));
        List<String> segments = CmafRules.playlist(playlist).segments();
        assertEquals(List.of(segments.size()), played.segments(), "every listed segment appended: "
                + played.describe());

        Path joined = tmp.resolve("joined.mp4");
        Files.write(joined, Files.readAllBytes(live.resolve(CmafWriter.INIT)));
        for (String segment : segments) {
            Files.write(joined, Files.readAllBytes(live.resolve(segment)), StandardOpenOption.APPEND);
        }
        PLAYERS.fragmented(joined, 75 + 142);
        PLAYERS.hls(live, CmafWriter.MASTER, 75, 142);
    }

    @Test
    void cmafLayout_sigint_endsThePlaylistWithWhatWasRecorded() throws Exception {
        Path live = tmp.resolve("live");
        Path playlist = live.resolve(CmafWriter.PLAYLIST);
        Process p = recorder("--video", "-", "--layout", "cmaf", "--segment-seconds", "1", live.toString()).start();
        byte[] stream = Files.readAllBytes(h264);
        try (OutputStream pipe = p.getOutputStream()) {
            pipe.write(stream, 0, stream.length * 2 / 3);
            pipe.flush();
            awaitWhileRecording(playlist);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ended after SIGINT");
        } catch (IOException brokenPipe) {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ended after SIGINT");
        }
        assertTrue(Files.readString(tmp.resolve("child.err")).contains("interrupted"));
        // The shutdown hook wrote the held pictures as a last segment and ended the playlist.
        assertEquals(List.of(), CmafRules.check(playlist, true));
        List<String> got = videoMd5(playlist.toString());
        assertTrue(got.size() >= 25 && got.size() <= 75, got.size() + " pictures");
        assertEquals(sourceMd5.subList(0, got.size()), got, "the pictures recorded, in order");
    }

    /** The force policy decides when bytes reach the device, never which bytes: the files are the same. */
    @Test
    void syncEvery_eachPolicy_writesTheSameFile() throws IOException {
        byte[] expected = null;
        for (String sync : new String[] {"fragment", "never", "0.5"}) {
            Path out = tmp.resolve("sync-" + sync + ".mp4");
            CliTest.Run r = CliTest.run("record", "--video", h264.toString(), "--audio", aac.toString(),
                    "--fragment-ms", "500", "--sync-every", sync, out.toString());
            assertEquals(0, r.code(), r.err());
            byte[] got = Files.readAllBytes(out);
            if (expected == null) {
                expected = got;
                decodesCleanly(out.toString());
                assertEquals(sourceMd5, videoMd5(out.toString()), "every picture, once, in order");
            } else {
                assertTrue(Arrays.equals(expected, got), "--sync-every " + sync + " wrote other bytes");
            }
        }
    }

    @Test
    void wrongArguments_oneLineAndExit64() {
        for (String[] wrong : new String[][] {{"--sync-every", "sometimes"}, {"--sync-every", "0"},
                {"--sync-every", "fragment", "--layout", "standard"}}) {
            List<String> argv = new ArrayList<>(List.of("record", "--video", h264.toString()));
            argv.addAll(List.of(wrong));
            argv.add(tmp.resolve("o.mp4").toString());
            CliTest.Run r = CliTest.run(argv.toArray(new String[0]));
            assertEquals(64, r.code(), String.join(" ", wrong) + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("--sync-every"), r.err());
        }
        CliTest.Run noVideo = CliTest.run("record", "out.mp4");
        assertEquals(64, noVideo.code());
        assertEquals(1, noVideo.errLines().size(), noVideo.err());
        assertTrue(noVideo.err().contains("--video is required"), noVideo.err());
        CliTest.Run badPattern = CliTest.run("record", "--video", "x.h264", "--segment-seconds", "2", "same.mp4");
        assertEquals(64, badPattern.code(), badPattern.err());
        assertEquals(1, badPattern.errLines().size(), badPattern.err());
        CliTest.Run bothStdin = CliTest.run("record", "--video", "-", "--audio", "-", "o.mp4");
        assertEquals(64, bothStdin.code(), bothStdin.err());
        CliTest.Run missing = CliTest.run("record", "--video", tmp.resolve("none.h264").toString(), "o.mp4");
        assertEquals(1, missing.code(), missing.err());
        assertEquals(1, missing.errLines().size(), missing.err());
        CliTest.Run help = CliTest.run("record", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--segment-seconds"), help.out());
        assertTrue(help.out().contains("--sync-every"), help.out());
    }

    private ProcessBuilder child(Path out, String layout) {
        return recorder("--video", "-", "--layout", layout, out.toString());
    }

    /** {@code bmff record ARGS} in a child JVM, its output and errors in child.out and child.err. */
    private ProcessBuilder recorder(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(), "record"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve("child.out").toFile())
                .redirectError(tmp.resolve("child.err").toFile());
    }

    /** Waits (30 s at most) for the child recording to write {@code file}. */
    private void awaitWhileRecording(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file.getFileName() + " while recording: "
                + Files.readString(tmp.resolve("child.err")));
    }

    private static void decodesCleanly(String file) {
        assertEquals("", run("ffmpeg", "-nostdin", "-v", "error", "-i", file, "-map", "0", "-f", "null", "-").strip(),
                file + " decodes without a message");
    }

    private static List<String> videoMd5(String file) {
        return md5Column(run("ffmpeg", "-nostdin", "-v", "error", "-i", file, "-map", "0:v", "-f", "framemd5", "-"));
    }

    private static List<String> md5Column(String framemd5) {
        return framemd5.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }

    /** Runs a tool; its stdout, with stderr appended (so a message shows in a comparison). */
    private static String run(String... command) {
        try {
            Path o = Files.createTempFile("bmff-rec", ".out");
            Path e = Files.createTempFile("bmff-rec", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null")).redirectOutput(o.toFile())
                        .redirectError(e.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + Arrays.toString(command));
                }
                String err = Files.readString(e, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + err);
                return Files.readString(o, StandardCharsets.UTF_8) + err;
            } finally {
                Files.deleteIfExists(o);
                Files.deleteIfExists(e);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}

package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bmff record} of AV1 (IVF, and a Section 5 OBU stream) with Opus in Ogg, made by ffmpeg at test time (libaom
 * with hidden alt-ref frames, libopus), in every layout and in segments: ffmpeg decodes every output without a message,
 * every AV1 frame to the source's checksum, and every Opus frame (pre-skip trimmed by the edit list) to the Ogg
 * decode's, the last one aside (ffmpeg's MP4 demuxer does not trim the end as Ogg's granule position does).
 */
class Av1OpusRecordCommandTest {
    private static final Path SCRATCH = Path.of("target", "record-av1opus");
    private static Path ivf;
    private static Path obu;
    private static Path opus;
    private static List<String> videoMd5;
    private static List<String> audioMd5;

    @TempDir
    Path tmp;

    @BeforeAll
    static void streams() throws IOException {
        ExternalTools.require("ffmpeg");
        Files.createDirectories(SCRATCH);
        ivf = SCRATCH.resolve("x.ivf").toAbsolutePath();
        obu = SCRATCH.resolve("x.obu").toAbsolutePath();
        opus = SCRATCH.resolve("x.opus").toAbsolutePath();
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "testsrc=size=64x48:rate=25:duration=3", "-pix_fmt", "yuv420p", "-c:v", "libaom-av1", "-cpu-used", "8",
                "-b:v", "150k", "-g", "25", "-lag-in-frames", "16", "-auto-alt-ref", "1", "-f", "ivf", ivf.toString());
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", ivf.toString(), "-c", "copy", "-f", "obu",
                obu.toString());
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:duration=3", "-ac", "2", "-c:a", "libopus", "-b:a", "48k",
                opus.toString());
        videoMd5 = md5(ivf.toString(), "0:v");
        audioMd5 = md5(opus.toString(), "0:a");
        assertEquals(75, videoMd5.size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"hybrid,ivf", "fragmented,ivf", "standard,ivf", "hybrid,obu"})
    void av1AndOpus_eachLayout_decodeToTheSourcesFrames(String layout, String kind) throws IOException {
        Path out = tmp.resolve("out-" + layout + ".mp4");
        CliTest.Run r = CliTest.run("record", "--video", (kind.equals("ivf") ? ivf : obu).toString(), "--audio",
                opus.toString(), "--layout", layout, out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("recorded 75 AV1 temporal units and " + audioMd5.size() + " Opus packets to " + out,
                r.out().strip());
        check(List.of(out));
        String tracks = CliTest.run("tracks", "--json", out.toString()).out();
        assertTrue(tracks.contains("\"codec\":\"av01\"") && tracks.contains("\"width\":64"), tracks);
        assertTrue(tracks.contains("\"codec\":\"Opus\"") && tracks.contains("\"preSkip\":312"), tracks);
    }

    @Test
    void segmentsOfOneSecond_joined_giveEveryFrameOnce() throws IOException {
        String pattern = tmp.resolve("seg%03d.mp4").toString();
        CliTest.Run r = CliTest.run("record", "--video", ivf.toString(), "--audio", opus.toString(),
                "--segment-seconds", "1", pattern);
        assertEquals(0, r.code(), r.err());
        List<Path> segments = new ArrayList<>();
        for (int i = 0; Files.exists(tmp.resolve(String.format("seg%03d.mp4", i))); i++) {
            segments.add(tmp.resolve(String.format("seg%03d.mp4", i)));
        }
        assertEquals(3, segments.size(), "3 s in segments of 1 s at keyframes");
        check(segments);
    }

    @Test
    void recordedThenCut_repairedWithAReference_givesThePicturesBeforeTheCut() throws IOException {
        Path reference = tmp.resolve("reference.mp4");
        Path recorded = tmp.resolve("recorded.mp4");
        for (Path p : List.of(reference, recorded)) {
            assertEquals(0, CliTest.run("record", "--video", ivf.toString(), "--audio", opus.toString(), "--layout",
                    "standard", p.toString()).code());
        }
        // A crash before the moov: the media data cut at 70 % (what the standard writer left is a sized mdat).
        byte[] all = Files.readAllBytes(recorded);
        Path broken = Files.write(tmp.resolve("broken.mp4"), java.util.Arrays.copyOf(all, all.length * 7 / 10));
        Path out = tmp.resolve("repaired.mp4");
        CliTest.Run r = CliTest.run("repair", reference.toString(), broken.toString(), out.toString());
        assertTrue(r.code() == 0 || r.code() == 2, r.err());
        assertEquals("", ExternalTools.decodeErrors(out), "decodes without a message");
        List<String> v = md5(out.toString(), "0:v");
        assertTrue(v.size() > 40, v.size() + " pictures back");
        assertEquals(videoMd5.subList(0, v.size()), v, "the pictures before the cut, in order");
        assertTrue(md5(out.toString(), "0:a").size() > 80, "Opus packets back");
    }

    /** The files, joined by ffmpeg's concat demuxer, decode cleanly to the sources' frames. */
    private void check(List<Path> files) throws IOException {
        Path list = tmp.resolve("list.txt");
        StringBuilder s = new StringBuilder();
        for (Path f : files) {
            assertEquals("", ExternalTools.decodeErrors(f), f + " decodes without a message");
            s.append("file '").append(f.toAbsolutePath()).append("'\n");
        }
        Files.writeString(list, s);
        List<String> v = md5Column(ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-f", "concat", "-safe", "0",
                "-i", list.toString(), "-map", "0:v", "-f", "framemd5", "-"));
        List<String> a = md5Column(ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-f", "concat", "-safe", "0",
                "-i", list.toString(), "-map", "0:a", "-f", "framemd5", "-"));
        assertEquals(videoMd5, v, "every AV1 frame once, in order");
        assertEquals(audioMd5.size(), a.size(), "every Opus packet");
        assertEquals(audioMd5.subList(0, audioMd5.size() - 1), a.subList(0, a.size() - 1), "Opus frames");
    }

    private static List<String> md5(String file, String map) {
        return md5Column(ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", file, "-map", map, "-f",
                "framemd5", "-"));
    }

    private static List<String> md5Column(String framemd5) {
        return framemd5.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }
}

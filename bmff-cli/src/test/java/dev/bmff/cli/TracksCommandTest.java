package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code bmff tracks} on every fixture against {@code ffprobe -show_streams}, and the inspect codec line. */
class TracksCommandTest {
    private static final Map<String, Integer> PROFILES = Map.of("Baseline", 66, "Constrained Baseline", 66, "Main",
            77, "High", 100, "High 10", 110, "High 4:2:2", 122, "High 4:4:4 Predictive", 244);
    private static final Map<String, Integer> HEVC_PROFILES = Map.of("Main", 1, "Main 10", 2, "Main Still Picture", 3,
            "Rext", 4);

    static Path fixtures() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/make-fixtures.sh"))) {
            p = p.getParent();
        }
        return p.resolve("fixtures");
    }

    static Stream<Path> media() throws Exception {
        try (Stream<Path> s = Files.list(fixtures())) {
            return s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    static String ffprobe(Path file) throws Exception {
        String tool = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "ffprobe"))
                .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
        if (tool == null) {
            assertTrue(!"true".equalsIgnoreCase(System.getenv("CI")), "ffprobe is required in CI");
            Assumptions.abort("ffprobe is not installed");
        }
        Process p = new ProcessBuilder(tool, "-v", "error", "-show_streams", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "ffprobe " + file);
        return out;
    }

    /** ffprobe's [STREAM] sections by track id (the mp4/mov demuxer's stream id). */
    static Map<Long, Map<String, String>> streams(String probe) {
        Map<Long, Map<String, String>> out = new HashMap<>();
        for (String section : probe.split("\\[STREAM\\]")) {
            Map<String, String> kv = new HashMap<>();
            for (String line : section.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    kv.put(line.substring(0, eq), line.substring(eq + 1).strip());
                }
            }
            if (kv.containsKey("id")) {
                out.put(Long.decode(kv.get("id")), kv);
            }
        }
        return out;
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|-?[0-9.]+)").matcher(json);
        return m.find() ? m.group(1).replace("\"", "") : null;
    }

    @ParameterizedTest
    @MethodSource("media")
    void tracks_agreeWithFfprobe(Path file) throws Exception {
        String[] r = run("tracks", "--lenient", file.toString());
        assertEquals("0", r[0], r[2]);
        Map<Long, Map<String, String>> probe = streams(ffprobe(file));
        for (String line : r[1].strip().split("\n")) {
            Map<String, String> s = probe.get(Long.parseLong(field(line, "track")));
            String handler = field(line, "handler");
            String where = file.getFileName() + " " + line;
            if (handler.equals("vide")) {
                assertEquals(s.get("width"), field(line, "width"), where);
                assertEquals(s.get("height"), field(line, "height"), where);
                boolean hevc = s.get("codec_name").equals("hevc");
                assertEquals(String.valueOf((hevc ? HEVC_PROFILES : PROFILES).get(s.get("profile"))),
                        field(line, "profile"), where);
                assertEquals(s.get("level"), field(line, "level"), where);
                String pixFmt = s.get("pix_fmt");
                assertEquals(pixFmt.contains("10") ? "10" : "8", field(line, "bitDepth"), where);
                String chroma = pixFmt.startsWith("gray") ? "4:0:0" : pixFmt.contains("444") ? "4:4:4"
                        : pixFmt.contains("422") ? "4:2:2" : "4:2:0";
                assertEquals(chroma, field(line, "chroma"), where);
            } else if (handler.equals("soun")) {
                assertEquals(s.get("sample_rate"), field(line, "sampleRate"), where);
                assertEquals(s.get("channels"), field(line, "channels"), where);
                if (s.get("codec_name").equals("aac")) {
                    assertEquals(s.get("profile").equals("LC") ? "2" : "?", field(line, "objectType"), where);
                } else {
                    assertEquals(s.get("bits_per_sample"), field(line, "bitsPerSample"), where);
                }
            }
        }
    }

    @Test
    void inspect_showsCodecLineUnderSampleEntry() throws Exception {
        String[] r = run("inspect", fixtures().resolve("h264-aac.mp4").toString());
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("codec: H.264 High@1.3 320x240 8-bit 4:2:0"), r[1]);
        assertTrue(r[1].contains("codec: AAC object type 2 48000 Hz 2 ch"), r[1]);
    }

    @Test
    void tracks_helpAndErrors_areOneLine() {
        String[] help = run("tracks", "--help");
        assertEquals("0", help[0]);
        assertTrue(help[1].startsWith("Usage: bmff tracks"));
        String[] missing = run("tracks", "/no/such/file.mp4");
        assertEquals("1", missing[0]);
        assertEquals("bmff tracks: no such file: /no/such/file.mp4", missing[2].strip());
        String[] bad = run("tracks", "--nope", "x");
        assertEquals("64", bad[0]);
        assertEquals(1, bad[2].strip().split("\n").length);
    }

    /** MPEG-4 Part 2, Motion JPEG and ProRes made by ffmpeg: size, profile name and chroma are ffprobe's. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "mp4|-c:v mpeg4 -bf 2 -pix_fmt yuv420p|Advanced Simple Profile",
        "mov|-c:v mjpeg -pix_fmt yuvj422p|Baseline",
        "mov|-c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le|HQ"})
    void tracks_mpeg4JpegProRes_sizeProfileAndChromaAsFfprobe(String ext, String codec, String profile,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("v." + ext);
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                "testsrc=size=96x64:rate=25:duration=0.2"));
        cmd.addAll(List.of(codec.split(" ")));
        cmd.add(file.toString());
        dev.bmff.core.testing.ExternalTools.run(cmd.toArray(String[]::new));
        Map<String, String> probe = streams(ffprobe(file)).get(1L);
        String[] r = run("tracks", file.toString());
        assertEquals("0", r[0], r[2]);
        String line = r[1].strip();
        assertTrue(line.contains("\"width\":" + probe.get("width") + ","), line);
        assertTrue(line.contains("\"height\":" + probe.get("height") + ","), line);
        assertEquals(profile, probe.get("profile"));
        assertTrue(line.contains("\"profileName\":\"" + profile + "\""), line);
        String chroma = probe.get("pix_fmt").replaceAll("^yuv[aj]?(\\d)(\\d)(\\d).*", "$1:$2:$3");
        assertTrue(line.contains("\"chroma\":\"" + chroma + "\""), line + " vs " + probe.get("pix_fmt"));
    }
}

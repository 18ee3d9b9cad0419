package dev.bmff.codecs.write;

import dev.bmff.core.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What ffmpeg, ffprobe and mediainfo say about a file, in forms the writer tests compare. */
final class Tools {
    private Tools() {
    }

    /** ffmpeg's per-frame checksums of every stream, grouped by stream index (file order differs by layout). */
    static Map<String, List<String>> framemd5(Path file) {
        String out = ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-map", "0",
                "-f", "framemd5", "-");
        return byStream(out, ",");
    }

    /** ffprobe's packets (stream, pts, dts, duration, size, flags), grouped by stream index. */
    static Map<String, List<String>> packets(Path file) {
        String out = ExternalTools.run("ffprobe", "-v", "error", "-show_entries",
                "packet=stream_index,pts,dts,duration,size,flags", "-of", "csv=p=0", file.toString());
        return byStream(out, ",");
    }

    private static Map<String, List<String>> byStream(String text, String sep) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String key = line.startsWith("#") ? "#" : line.substring(0, line.indexOf(sep)).strip();
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        return m;
    }

    /** Everything {@code ffmpeg -v error -i file -f null -} prints (stdout and stderr): empty for a clean decode. */
    static String decodeMessages(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ExternalTools.require("ffmpeg").toString(), "-v", "error", "-nostdin", "-i",
                file.toString(), "-map", "0", "-f", "null", "-").redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return all.strip() + (p.exitValue() == 0 ? "" : " (exit " + p.exitValue() + ")");
    }

    /** Per mediainfo track ({@code General}, {@code Video}, {@code Audio}...): duration (s) and frame count. */
    static Map<String, String[]> mediainfo(Path file) {
        String json = ExternalTools.run("mediainfo", "--Output=JSON", file.toString());
        Map<String, String[]> m = new LinkedHashMap<>();
        String[] parts = json.split("\"@type\":\\s*\"");
        for (int i = 1; i < parts.length; i++) {
            String type = parts[i].substring(0, parts[i].indexOf('"'));
            m.put(type, new String[] {field(parts[i], "Duration"), field(parts[i], "FrameCount")});
        }
        return m;
    }

    private static String field(String body, String key) {
        Matcher f = Pattern.compile("\"" + key + "\":\\s*\"([^\"]*)\"").matcher(body);
        return f.find() ? f.group(1) : null;
    }

    static Path scratch(String name) throws IOException {
        Path dir = Path.of("target", "writer-media");
        Files.createDirectories(dir);
        return dir.resolve(name);
    }
}

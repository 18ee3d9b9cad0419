package dev.bmff.recover.testing;

import dev.bmff.core.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** AV1 and Opus recordings made by ffmpeg at test time (libaom with hidden alt-ref frames, libopus VBR), made once. */
public final class Av1OpusRecordings {
    private static final Path MEDIA = Path.of("target", "av1opus-recovery");

    private Av1OpusRecordings() {
    }

    /** A 2 s recording of {@code kind} ("av1", "av1-opus", "h264-opus", "opus") of a test pattern and a tone. */
    public static Path make(String kind, String name, String pattern, int tone) throws IOException {
        Files.createDirectories(MEDIA);
        Path out = MEDIA.resolve(kind + "-" + name + ".mp4");
        if (Files.exists(out)) {
            return out;
        }
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
        if (!kind.equals("opus")) {
            cmd.addAll(List.of("-f", "lavfi", "-i", pattern + "=size=96x64:rate=25:duration=2"));
        }
        if (kind.endsWith("opus")) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + tone + ":sample_rate=48000:duration=2", "-ac",
                    "2", "-c:a", "libopus", "-b:a", "48k"));
        }
        if (kind.equals("opus")) {
            cmd.add(out.toString());
            ExternalTools.run(cmd.toArray(new String[0]));
            return out;
        }
        cmd.addAll(List.of("-pix_fmt", "yuv420p"));
        cmd.addAll(kind.startsWith("av1") ? List.of("-c:v", "libaom-av1", "-cpu-used", "8", "-b:v", "200k", "-g", "25",
                "-lag-in-frames", "16", "-auto-alt-ref", "1") : List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "25"));
        cmd.add(out.toString());
        ExternalTools.run(cmd.toArray(new String[0]));
        return out;
    }
}

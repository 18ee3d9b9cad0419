package dev.bmff.codecs.av1;

import dev.bmff.core.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny AV1 and Opus streams made by ffmpeg at test time, once per JVM: libaom-av1 at its fastest preset with hidden
 * alt-ref frames (lag-in-frames), keyframes every 10 frames, as IVF and as a Section 5 OBU stream; libopus in Ogg.
 */
public final class Av1OpusMedia {
    private static Path dir;

    private Av1OpusMedia() {
    }

    /** 2 s of 64x48 AV1 at 25 fps: {@code av1.ivf}, {@code av1.obu}; 2 s of stereo Opus: {@code opus.opus}. */
    public static synchronized Path dir() throws IOException {
        if (dir == null) {
            Path d = Path.of("target", "av1opus-media");
            Files.createDirectories(d);
            Path ivf = d.resolve("av1.ivf");
            if (!Files.exists(ivf)) {
                ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                        "testsrc=size=64x48:rate=25:duration=2", "-pix_fmt", "yuv420p", "-c:v", "libaom-av1",
                        "-cpu-used", "8", "-b:v", "150k", "-g", "10", "-lag-in-frames", "16", "-auto-alt-ref", "1", "-f", "ivf",
                        d.resolve("av1.tmp.ivf").toString());
                ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", d.resolve("av1.tmp.ivf").toString(),
                        "-c", "copy", "-f", "obu", d.resolve("av1.obu").toString());
                ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                        "sine=frequency=440:sample_rate=48000:duration=2", "-ac", "2", "-c:a", "libopus", "-b:a",
                        "48k", d.resolve("opus.opus").toString());
                Files.move(d.resolve("av1.tmp.ivf"), ivf);
            }
            dir = d;
        }
        return dir;
    }

    /** {@code opus.opus} remuxed into MP4 by ffmpeg ({@code -c copy}). */
    public static synchronized Path opusRemuxedByFfmpeg() throws IOException {
        Path mp4 = dir().resolve("opus-ffmpeg.mp4");
        if (!Files.exists(mp4)) {
            ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", dir().resolve("opus.opus").toString(),
                    "-c", "copy", mp4.toString());
        }
        return mp4;
    }
}

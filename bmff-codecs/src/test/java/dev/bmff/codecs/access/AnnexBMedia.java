package dev.bmff.codecs.access;

import dev.bmff.core.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Annex B streams made by ffmpeg at test time (into target/, never committed) and the MP4 that ffmpeg's
 * muxer makes from each with {@code -c copy}: the reference for access-unit boundaries, sizes and sync.
 */
public enum AnnexBMedia {
    H264_BFRAMES("h264", "h264", List.of("-c:v", "libx264", "-bf", "2", "-g", "25", "-x264-params", "threads=1")),
    H264_BASELINE_SLICES("h264", "h264", List.of("-c:v", "libx264", "-profile:v", "baseline", "-g", "20",
            "-x264-params", "slices=3:threads=1")),
    HEVC_BFRAMES("hevc", "hevc", List.of("-c:v", "libx265", "-x265-params",
            "log-level=error:keyint=25:bframes=2:pools=none:frame-threads=1")),
    HEVC_OPEN_GOP_SLICES("hevc", "hevc", List.of("-c:v", "libx265", "-x265-params",
            "log-level=error:keyint=20:min-keyint=20:scenecut=0:open-gop=1:bframes=3:slices=2:pools=none"
                    + ":frame-threads=1:aud=1"));

    final String format;
    final String extension;
    final List<String> encoder;

    AnnexBMedia(String format, String extension, List<String> encoder) {
        this.format = format;
        this.extension = extension;
        this.encoder = encoder;
    }

    public boolean hevc() {
        return format.equals("hevc");
    }

    /** The Annex B stream (made on first use). */
    public synchronized Path stream() throws Exception {
        Path dir = Path.of("target", "access-media");
        Files.createDirectories(dir);
        Path out = dir.resolve(name() + "." + extension);
        if (!Files.exists(out)) {
            Path tmp = dir.resolve("tmp-" + out.getFileName());
            List<String> args = new java.util.ArrayList<>(List.of("-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25", "-frames:v", "60", "-pix_fmt", "yuv420p"));
            args.addAll(encoder);
            args.addAll(List.of("-f", format, tmp.toString()));
            ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, ExternalTools.withTool("ffmpeg", args));
            Files.move(tmp, out);
        }
        return out;
    }

    /** ffmpeg's MP4 remux of {@link #stream()} with {@code -c copy} (hvc1-tagged for HEVC). */
    public synchronized Path mp4() throws Exception {
        Path in = stream();
        Path out = in.resolveSibling(name() + ".mp4");
        if (!Files.exists(out)) {
            Path tmp = in.resolveSibling("tmp-" + out.getFileName());
            ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", in.toString(), "-c", "copy", "-tag:v",
                    hevc() ? "hvc1" : "avc1", tmp.toString());
            Files.move(tmp, out);
        }
        return out;
    }

    public AccessUnitAssembler assembler(ParameterSetPlacement placement) {
        return hevc() ? AccessUnitAssembler.hevc(placement) : AccessUnitAssembler.h264(placement);
    }
}

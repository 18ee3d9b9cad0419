package dev.bmff.codecs.hevc;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HEVC test media: the committed fixtures, and small clips x265 makes at test time (into target/,
 * never committed) for what the fixtures lack: hev1 with in-band parameter sets, RExt 4:2:2 10-bit,
 * a conformance window, HRD parameters in the VPS and VUI, open GOPs (CRA with RASL pictures), two temporal sub-layers, a non-integer
 * frame rate and short POC LSBs that wrap within the clip.
 */
final class GeneratedMedia {
    static final String REXT_422_HEV1 = "rext-422-10-hev1.mp4";
    static final String OPEN_GOP = "open-gop-tid-pocwrap.mp4";

    private GeneratedMedia() {
    }

    /** The names the interop tests run on. */
    static List<String> all() {
        return List.of("hevc-aac.mp4", "hevc-main10.mp4", REXT_422_HEV1, OPEN_GOP);
    }

    /** A fixture by name, or a generated clip (made on first use). */
    static synchronized Path get(String name) throws Exception {
        if (!name.equals(REXT_422_HEV1) && !name.equals(OPEN_GOP)) {
            return Fixtures.file(name);
        }
        Path dir = Path.of("target", "hevc-media");
        Files.createDirectories(dir);
        Path out = dir.resolve(name);
        if (Files.exists(out)) {
            return out;
        }
        Path tmp = dir.resolve("tmp-" + name);
        List<String> args = new ArrayList<>(List.of("-v", "error", "-y", "-f", "lavfi", "-i"));
        if (name.equals(REXT_422_HEV1)) {
            // 134x76 is not a multiple of the 8-sample minimum CB: x265 pads and signals a conformance window.
            args.addAll(List.of("testsrc2=size=134x76:rate=30", "-frames:v", "12", "-c:v", "libx265", "-pix_fmt",
                    "yuv422p10le", "-tag:v", "hev1", "-x265-params", "log-level=error:keyint=6:bframes=2:hrd=1:vbv-bufsize=400:vbv-maxrate=400"));
        } else {
            args.addAll(List.of("testsrc2=size=160x96:rate=24000/1001", "-frames:v", "100", "-c:v", "libx265",
                    "-pix_fmt", "yuv420p", "-tag:v", "hvc1", "-x265-params",
                    "log-level=error:keyint=20:min-keyint=20:scenecut=0:open-gop=1:bframes=4:b-pyramid=1"
                            + ":log2-max-poc-lsb=4:temporal-layers=1"));
        }
        args.add(tmp.toString());
        ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, ExternalTools.withTool("ffmpeg", args));
        Files.move(tmp, out);
        return out;
    }
}

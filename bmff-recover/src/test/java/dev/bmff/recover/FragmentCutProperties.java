package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bmff.recover.testing.Expected;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.recover.testing.WrittenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Fragmented and hybrid recordings cut at random bytes give back exactly the samples of their complete fragments,
 * times included (checked through our sample index; NoReferenceRepairTest checks chosen cuts with ffmpeg).
 */
class FragmentCutProperties {
    private static final Path WORK = Path.of("target", "fragment-cuts");
    private static Path ffmpegRecording;
    private static byte[] ffmpegBytes;
    private static byte[] ourFragmented;
    private static byte[] ourHybridRecording;
    private static Path ourFragmentedPath;
    private static Path ourHybridPath;

    /** A 12 s ffmpeg recording with B-frames, a keyframe every 0.5 s: about 24 fragments. */
    private static synchronized void prepare() throws IOException {
        if (ffmpegRecording != null) {
            return;
        }
        Files.createDirectories(WORK);
        Path rec = WORK.resolve("ffmpeg-frag.mp4");
        ExternalTools.run(Duration.ofSeconds(120), List.of(ExternalTools.ffmpeg().toString(), "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "12", "-c:v", "libx264", "-preset", "veryfast",
                "-bf", "2", "-g", "12", "-c:a", "aac", "-movflags", "frag_keyframe+empty_moov", rec.toString()));
        ffmpegBytes = Files.readAllBytes(rec);
        WrittenFiles.Source src = WrittenFiles.read(Fixtures.file("h264-aac.mp4"));
        ourFragmentedPath = WrittenFiles.fragmented(src, 300, WORK.resolve("ours-frag.mp4"));
        ourFragmented = Files.readAllBytes(ourFragmentedPath);
        WrittenFiles.HybridStates h = WrittenFiles.hybridStates(WrittenFiles.hybrid(src, 300,
                WORK.resolve("ours-hybrid.mp4")));
        ourHybridRecording = h.recording();
        ourHybridPath = WrittenFiles.write(h.recording(), h.recording().length, WORK.resolve("ours-hybrid-rec.mp4"));
        ffmpegRecording = rec;
    }

    @Property(tries = 25)
    void ffmpegFragmented_cutAnywhere_keepsTheCompleteFragments(@ForAll @DoubleRange(min = 0.0, max = 1.0) double f)
            throws IOException {
        prepare();
        check(ffmpegRecording, ffmpegBytes, f, RepairKind.FRAGMENTED_TRUNCATED);
    }

    @Property(tries = 25)
    void ourFragmented_cutAnywhere_keepsTheCompleteFragments(@ForAll @DoubleRange(min = 0.0, max = 1.0) double f)
            throws IOException {
        prepare();
        check(ourFragmentedPath, ourFragmented, f, RepairKind.FRAGMENTED_TRUNCATED);
    }

    @Property(tries = 25)
    void ourHybrid_killedWhileRecording_keepsTheCompleteFragments(@ForAll @DoubleRange(min = 0.0, max = 1.0)
            double f) throws IOException {
        prepare();
        check(ourHybridPath, ourHybridRecording, f, RepairKind.HYBRID_RECORDING_INTERRUPTED);
    }

    private static void check(Path whole, byte[] bytes, double fraction, RepairKind kind) throws IOException {
        long cut = Math.round(bytes.length * fraction);
        Path dir = Files.createTempDirectory(WORK, "cut");
        try {
            Path broken = WrittenFiles.write(bytes, cut, dir.resolve("broken.mp4"));
            Path out = dir.resolve("out.mp4");
            long complete = WrittenFiles.completeFragmentsEnd(whole, cut);
            if (complete == 0) {
                assertThrows(IOException.class, () -> Recovery.repair(broken, out), "cut at " + cut);
                return;
            }
            RepairReport report = Recovery.repair(broken, out);
            assertEquals(kind, report.kind());
            assertEquals(Expected.samples(whole, complete), Expected.samples(out, Long.MAX_VALUE),
                    "cut at " + cut + "\n" + report);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}

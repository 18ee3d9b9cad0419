package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Fragmented and hybrid recordings cut at random bytes give back exactly the samples whose bytes are all present
 * before the cut: every complete fragment's, and of a last fragment whose moof is whole but whose mdat is cut, each
 * track's samples in decode order up to the first not all there (none after a missing one). Checked byte for byte
 * and with their times against the whole file's index, in both layouts, and decoded by ffmpeg without an error.
 * The files: ffmpeg's (explicit base data offsets, and default-base-is-moof) and our FragmentedWriter's and
 * HybridWriter's (default-base-is-moof).
 */
class FragmentCutProperties {
    private static final Path WORK = Path.of("target", "fragment-cuts");
    private static Path ffmpegRecording;
    private static byte[] ffmpegBytes;
    private static Path ffmpegDbmRecording;
    private static byte[] ffmpegDbmBytes;
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
        Path dbm = WORK.resolve("ffmpeg-frag-dbm.mp4");
        ExternalTools.run(Duration.ofSeconds(120), List.of(ExternalTools.ffmpeg().toString(), "-v", "error", "-y",
                "-i", rec.toString(), "-map", "0", "-c", "copy", "-movflags",
                "frag_keyframe+empty_moov+default_base_moof", dbm.toString()));
        ffmpegDbmBytes = Files.readAllBytes(dbm);
        ffmpegDbmRecording = dbm;
        WrittenFiles.Source src = WrittenFiles.read(Fixtures.file("h264-aac.mp4"));
        ourFragmentedPath = WrittenFiles.fragmented(src, 300, WORK.resolve("ours-frag.mp4"));
        ourFragmented = Files.readAllBytes(ourFragmentedPath);
        WrittenFiles.HybridStates h = WrittenFiles.hybridStates(WrittenFiles.hybrid(src, 300,
                WORK.resolve("ours-hybrid.mp4")));
        ourHybridRecording = h.recording();
        ourHybridPath = WrittenFiles.write(h.recording(), h.recording().length, WORK.resolve("ours-hybrid-rec.mp4"));
        ffmpegRecording = rec;
    }

    @Property(tries = 20)
    void ffmpegFragmented_cutAnywhere_keepsEverySampleWhollyPresent(@ForAll @DoubleRange(min = 0.0, max = 1.0)
            double f) throws IOException {
        prepare();
        check(ffmpegRecording, ffmpegBytes, f, RepairKind.FRAGMENTED_TRUNCATED);
    }

    @Property(tries = 20)
    void ffmpegFragmentedDefaultBaseIsMoof_cutAnywhere_keepsEverySampleWhollyPresent(
            @ForAll @DoubleRange(min = 0.0, max = 1.0) double f) throws IOException {
        prepare();
        check(ffmpegDbmRecording, ffmpegDbmBytes, f, RepairKind.FRAGMENTED_TRUNCATED);
    }

    @Property(tries = 20)
    void ourFragmented_cutAnywhere_keepsEverySampleWhollyPresent(@ForAll @DoubleRange(min = 0.0, max = 1.0)
            double f) throws IOException {
        prepare();
        check(ourFragmentedPath, ourFragmented, f, RepairKind.FRAGMENTED_TRUNCATED);
    }

    @Property(tries = 20)
    void ourHybrid_killedWhileRecording_keepsEverySampleWhollyPresent(@ForAll @DoubleRange(min = 0.0, max = 1.0)
            double f) throws IOException {
        prepare();
        check(ourHybridPath, ourHybridRecording, f, RepairKind.HYBRID_RECORDING_INTERRUPTED);
    }

    /** The tracks with samples: a track none of whose samples is present is left out of a standard file. */
    private static List<List<String>> nonEmpty(List<List<String>> tracks) {
        return tracks.stream().filter(t -> !t.isEmpty()).toList();
    }

    private static void check(Path whole, byte[] bytes, double fraction, RepairKind kind) throws IOException {
        long cut = Math.round(bytes.length * fraction);
        Path dir = Files.createTempDirectory(WORK, "cut");
        try {
            Path broken = WrittenFiles.write(bytes, cut, dir.resolve("broken.mp4"));
            Path out = dir.resolve("out.mp4");
            List<List<String>> expected = Expected.contents(whole, cut);
            if (expected.stream().allMatch(List::isEmpty)) {
                assertThrows(IOException.class, () -> Recovery.repair(broken, out), "cut at " + cut);
                return;
            }
            RepairReport report = Recovery.repair(broken, out);
            assertEquals(kind, report.kind());
            assertEquals(nonEmpty(expected), nonEmpty(Expected.contents(out, Long.MAX_VALUE)), "cut at " + cut + "\n"
                    + report);
            assertEquals("", ExternalTools.decodeErrors(out), "cut at " + cut + "\n" + report);
            // Every dropped sample is reported.
            if (!Expected.samples(whole, Long.MAX_VALUE).equals(Expected.samples(whole, cut))) {
                assertFalse(report.isComplete(), "cut at " + cut + "\n" + report);
            }

            Path fragmented = dir.resolve("fragmented.mp4");
            RepairReport f = Recovery.repair(broken, fragmented, RepairOptions.defaults()
                    .withLayout(RepairOptions.Layout.FRAGMENTED));
            assertEquals(report.tracks().stream().map(TrackReport::samples).toList(),
                    f.tracks().stream().map(TrackReport::samples).filter(n -> n > 0).toList(), "cut at " + cut);
            assertEquals(report.skipped(), f.skipped(), "cut at " + cut);
            assertEquals(nonEmpty(expected), nonEmpty(Expected.contents(fragmented, Long.MAX_VALUE)), "cut at " + cut
                    + "\n" + f);
            assertEquals("", ExternalTools.decodeErrors(fragmented), "cut at " + cut + "\n" + f);
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

package dev.bmff.benchmarks;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.FragmentedWriter;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.SegmentedWriter;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writer throughput, for each writer: a recording of synthetic samples (25 fps video of about 100 KiB a picture, a
 * keyframe every 50, B-frame composition offsets; AAC-sized audio at 48 kHz) written to a temporary file
 * and finished by the writer named by {@code layout}: {@code standard} (moov at the end), {@code faststart}
 * (moov moved to the front in a second pass), {@code fragmented} (a fragment per keyframe, then mfra),
 * {@code hybrid} (fragments, then finalized in place into a standard MP4) or {@code segmented} (hybrid
 * segments of 10 s). The samples come from a small pool
 * made once, so the figure is the writer's and the disk's, not the generator's. One operation writes
 * {@code mebibytes} of media.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar WriterBenchmark -p mebibytes=1024}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class WriterBenchmark {
    private static final int POOL = 64;
    private static final long VIDEO_TIMESCALE = 12_800;
    private static final long FRAME = 512;

    @Param({"256"})
    int mebibytes;

    @Param({"standard", "faststart", "fragmented", "hybrid", "segmented"})
    String layout;

    private Path dir;
    private Bytes[] pictures;
    private Bytes[] audioFrames;
    private List<TrackSpec> tracks;

    @Setup
    public void setUp() throws IOException {
        Random rnd = new Random(42);
        pictures = new Bytes[POOL];
        audioFrames = new Bytes[POOL];
        for (int i = 0; i < POOL; i++) {
            byte[] p = new byte[i == 0 ? 400_000 : 60_000 + rnd.nextInt(80_000)];
            rnd.nextBytes(p);
            pictures[i] = Bytes.of(p);
            byte[] a = new byte[300 + rnd.nextInt(300)];
            rnd.nextBytes(a);
            audioFrames[i] = Bytes.of(a);
        }
        tracks = List.of(
                TrackSpec.video(VisualSampleEntry.of(FourCC.of("avc1"), 1920, 1080, List.of()), VIDEO_TIMESCALE),
                TrackSpec.audio(AudioSampleEntry.of(FourCC.of("mp4a"), 2, 16, 48_000, List.of()), 48_000));
        dir = Files.createTempDirectory("bmff-writer-bench");
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private Mp4Writer open(Path out) throws IOException {
        return switch (layout) {
            case "standard" -> StandardWriter.create(out, tracks, StandardWriter.Options.defaults());
            case "faststart" -> StandardWriter.create(out, tracks, StandardWriter.Options.defaults().withFaststart(true));
            case "fragmented" -> FragmentedWriter.create(out, tracks, FragmentedWriter.Options.defaults());
            case "hybrid" -> HybridWriter.create(out, tracks, HybridWriter.Options.defaults());
            case "segmented" -> SegmentedWriter.create(dir.resolve("seg-%03d.mp4").toString(), tracks,
                    SegmentedWriter.Options.defaults().withSegmentDuration(Duration.ofSeconds(10)));
            default -> throw new IllegalArgumentException("unknown layout " + layout);
        };
    }

    /** Writes {@code mebibytes} of samples and finishes the file(s); returns the bytes on disk. */
    @Benchmark
    public long write() throws IOException {
        Path out = dir.resolve("out.mp4");
        long target = (long) mebibytes << 20;
        long written = 0;
        long audioDts = 0;
        int[] ctoPattern = {2, 4, 1, 2, 3}; // frames, like an IBBP stream, never negative
        try (Mp4Writer w = open(out)) {
            for (int v = 0; written < target; v++) {
                long videoDts = v * FRAME;
                // Audio up to the picture's time, as a capture interleaves it.
                while (audioDts * VIDEO_TIMESCALE <= videoDts * 48_000L) {
                    Bytes a = audioFrames[(int) (audioDts / 1024 % POOL)];
                    w.write(new Sample(1, a, audioDts, 0, 1024, true));
                    written += a.size();
                    audioDts += 1024;
                }
                boolean key = v % 50 == 0;
                Bytes p = pictures[key ? 0 : 1 + v % (POOL - 1)];
                w.write(new Sample(0, p, videoDts, (int) (ctoPattern[v % 5] * FRAME), Sample.UNKNOWN_DURATION, key));
                written += p.size();
            }
        }
        long bytes = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                bytes += Files.size(p);
                Files.delete(p);
            }
        }
        return bytes;
    }
}

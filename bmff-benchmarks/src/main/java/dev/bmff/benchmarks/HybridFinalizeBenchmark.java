package dev.bmff.benchmarks;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.write.Durability;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * What {@link HybridWriter#close()} costs against the length of the recording: 25 fps video and 48 kHz
 * AAC (1024 samples a frame), so 1 minute is 1,500 pictures and 2,813 audio frames, 1 hour 90,000 and
 * 168,750. The samples are a few bytes each: finalizing builds the tables and writes the moov, it never
 * touches the media data, so its cost follows the sample count, and tiny samples keep the file (and the
 * set-up) small. The recording is written (without forcing) before each measured close; the close itself
 * forces twice, as a real finalize does.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar HybridFinalize}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class HybridFinalizeBenchmark {
    private static final long VIDEO_TIMESCALE = 12_800;
    private static final long FRAME = 512;          // 1/25 s at 12,800
    private static final long AUDIO_FRAME = 1024;   // at 48,000

    /** Length of the recording in minutes: 1 minute, 10 minutes, 1 hour. */
    @Param({"1", "10", "60"})
    int minutes;

    private final Bytes picture = Bytes.of(new byte[16]);
    private final Bytes keyPicture = Bytes.of(new byte[32]);
    private final Bytes audioFrame = Bytes.of(new byte[8]);
    private List<TrackSpec> tracks;
    private Path dir;
    private HybridWriter writer;

    @Setup(Level.Trial)
    public void setUpTrial() throws IOException {
        tracks = List.of(
                TrackSpec.video(VisualSampleEntry.of(FourCC.of("avc1"), 1920, 1080, List.of()), VIDEO_TIMESCALE),
                TrackSpec.audio(AudioSampleEntry.of(FourCC.of("mp4a"), 2, 16, 48_000, List.of()), 48_000));
        dir = Files.createTempDirectory("bmff-finalize-bench");
    }

    /** Records {@code minutes} of samples into a new hybrid file, leaving it open for the measured close. */
    @Setup(Level.Invocation)
    public void record() throws IOException {
        writer = HybridWriter.create(dir.resolve("rec.mp4"), tracks,
                HybridWriter.Options.defaults().withDurability(Durability.none()));
        long pictures = minutes * 60L * 25;
        long audioDts = 0;
        int[] ctoPattern = {2, 4, 1, 2, 3}; // frames, like an IBBP stream
        for (long v = 0; v < pictures; v++) {
            long videoDts = v * FRAME;
            // Audio up to the picture's time, as a capture interleaves it.
            while (audioDts * VIDEO_TIMESCALE <= videoDts * 48_000L) {
                writer.write(new Sample(1, audioFrame, audioDts, 0, AUDIO_FRAME, true));
                audioDts += AUDIO_FRAME;
            }
            boolean key = v % 50 == 0;
            writer.write(new Sample(0, key ? keyPicture : picture, videoDts, (int) (ctoPattern[(int) (v % 5)] * FRAME),
                    Sample.UNKNOWN_DURATION, key));
        }
    }

    @Benchmark
    public HybridWriter finalizeInPlace() throws IOException {
        writer.close();
        return writer;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}

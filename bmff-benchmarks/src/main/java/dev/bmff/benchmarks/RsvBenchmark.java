package dev.bmff.benchmarks;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.recover.RepairReport;
import dev.bmff.rsv.RsvRecovery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * RSV repair throughput beside the page-cache read speed of the same file, in one run. The setup lays a fixture's
 * H.264 frames (an AUD put first in each, as Sony writes them) and its 16-bit PCM out as an RSV file of
 * {@code mebibytes} (default 1024): GOP blocks of 12 rtmd packets of 19,456 bytes, 12 frames, then exactly their
 * audio; the fixture is the reference. Then:
 * <ul>
 * <li>{@code repair}: {@code RsvRecovery.repair(reference, rsv, out)}: the GOP pass, the copy of the RSV into the
 *     new file's mdat, fsync;</li>
 * <li>{@code pageCacheRead}: the file read once through a {@code FileChannel} into a 1 MiB heap buffer, the file
 *     being in the page cache: the ceiling for any pass over it.</li>
 * </ul>
 * MB/s = file size / time per operation. Run from the repository root (the fixture path is relative):
 * {@code java -jar bmff-benchmarks/target/benchmarks.jar RsvBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class RsvBenchmark {
    private static final int FRAMES_PER_GOP = 12;
    private static final int PACKET = 19_456;

    @Param({"1024"})
    int mebibytes;

    @Param({"fixtures/h264-twos.mov"})
    String fixture;

    private Path dir;
    private Path reference;
    private Path rsv;
    private Path out;
    private long size;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        reference = Path.of(fixture).toAbsolutePath();
        SampleIndex index = SampleIndex.of(BoxReader.read(reference, ReadOptions.strict()));
        TrackSamples video = index.tracks().get(0);
        TrackSamples audio = index.tracks().get(1);
        List<byte[]> frames = new ArrayList<>();
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try (FileChannel ch = FileChannel.open(reference)) {
            for (int i = 0; i < video.sampleCount(); i++) {
                byte[] f = read(ch, video.offset(i), (int) video.size(i));
                boolean aud = f.length > 5 && f[0] == 0 && f[1] == 0 && f[2] == 0 && f[3] == 2 && f[4] == 9;
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                if (!aud) {
                    b.writeBytes(new byte[] {0, 0, 0, 2, 0x09, 0x50});
                }
                b.writeBytes(f);
                frames.add(b.toByteArray());
            }
            for (int i = 0; i < audio.sampleCount(); i++) {
                pcm.writeBytes(read(ch, audio.offset(i), (int) audio.size(i)));
            }
        }
        byte[] samples = pcm.toByteArray();
        long frameDuration = video.duration(0);
        long timescale = video.timescale();
        long rate = audio.timescale();
        long bytesPerFrame = audio.size(0); // ffmpeg's mov muxer: one PCM frame per sample
        dir = Files.createTempDirectory("bmff-rsv-bench");
        rsv = dir.resolve("C0001.RSV");
        out = dir.resolve("C0001.MP4");
        long target = (long) mebibytes << 20;
        try (FileChannel ch = FileChannel.open(rsv, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(32 << 20);
            long frame = 0;
            long written = 0;
            while (written < target) {
                block.clear();
                for (int p = 0; p < FRAMES_PER_GOP; p++) {
                    block.put(new byte[] {0, 0x1c, 1, 0, 0x23, (byte) p, 0x28, (byte) 0xe1, (byte) 0xf0, 1, 0, 0x10});
                    block.put(new byte[PACKET - 12]);
                }
                for (int i = 0; i < FRAMES_PER_GOP; i++) {
                    block.put(frames.get((int) ((frame + i) % frames.size())));
                }
                long from = frame * frameDuration * rate / timescale * bytesPerFrame;
                long to = (frame + FRAMES_PER_GOP) * frameDuration * rate / timescale * bytesPerFrame;
                for (long at = from; at < to; at++) {
                    block.put(samples[(int) (at % samples.length)]);
                }
                frame += FRAMES_PER_GOP;
                block.flip();
                while (block.hasRemaining()) {
                    written += ch.write(block);
                }
            }
        }
        size = Files.size(rsv);
        pageCacheRead(); // into the page cache
    }

    @TearDown(Level.Iteration)
    public void deleteOutput() throws IOException {
        Files.deleteIfExists(out);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(out);
        Files.deleteIfExists(rsv);
        Files.deleteIfExists(dir);
        System.out.printf("%nRsvBenchmark file: %d bytes (%.1f MB)%n", size, size / 1e6);
    }

    @Benchmark
    public RepairReport repair() throws IOException {
        return RsvRecovery.repair(reference, rsv, out);
    }

    @Benchmark
    public long pageCacheRead() throws IOException {
        return PageCache.read(rsv);
    }

    private static byte[] read(FileChannel ch, long offset, int length) throws IOException {
        return dev.bmff.core.io.PositionalReads.readFully(ch, offset, length);
    }
}

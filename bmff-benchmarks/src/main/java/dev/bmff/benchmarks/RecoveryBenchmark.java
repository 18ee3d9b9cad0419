package dev.bmff.benchmarks;

import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
 * Recovery throughput beside the page-cache read speed of the same file, in one run. The setup builds a broken
 * recording of {@code mebibytes} (default 1024) from a fixture's media data repeated (H.264 High with B-frames +
 * AAC, as ffmpeg muxed it) behind its ftyp and an mdat header of size 0: the moov never came. Then:
 * <ul>
 * <li>{@code repairToNewFile}: {@code Recovery.repair(reference, broken, out)}: model and walk, with the copy of
 *     the media into a new file beside them, fsync;</li>
 * <li>{@code repairInPlace}: the same with {@code withInPlace(true)}: model, walk, moov appended (undone after
 *     each iteration, outside the measured time);</li>
 * <li>{@code repairInPlaceWithHelper}: the same with {@code -Dbmff.repair.helpers=1}, a thread that parses AAC
 *     frames ahead of the walk ({@code AacLookahead}, off by default), which {@code AacLookaheadProperties}
 *     proves finds the same samples as the walk alone;</li>
 * <li>{@code pageCacheRead}: the file read once through a {@code FileChannel} into a 1 MiB heap buffer (how the
 *     walk reads it), the file being in the page cache: the ceiling for any pass over it.</li>
 * </ul>
 * MB/s = file size / time per operation. Run from the repository root (the fixture path is relative):
 * {@code java -jar bmff-benchmarks/target/benchmarks.jar RecoveryBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class RecoveryBenchmark {
    @Param({"1024"})
    int mebibytes;

    @Param({"fixtures/h264-aac.mp4"})
    String fixture;

    private Path dir;
    private Path reference;
    private Path broken;
    private Path out;
    private long size;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        reference = Path.of(fixture).toAbsolutePath();
        byte[] all = Files.readAllBytes(reference);
        // ftyp, free, then the mdat: its payload is what gets repeated.
        int pos = 0;
        int mdat = -1;
        while (pos + 8 <= all.length) {
            int boxSize = ByteBuffer.wrap(all, pos, 8).getInt();
            String type = new String(all, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (type.equals("mdat")) {
                mdat = pos;
                break;
            }
            pos += boxSize;
        }
        if (mdat < 0) {
            throw new IOException(fixture + ": no mdat with an 8-byte header");
        }
        int mdatSize = ByteBuffer.wrap(all, mdat, 4).getInt();
        byte[] media = Arrays.copyOfRange(all, mdat + 8, mdat + mdatSize);
        dir = Files.createTempDirectory("bmff-recovery-bench");
        broken = dir.resolve("broken.mp4");
        out = dir.resolve("fixed.mp4");
        long target = (long) mebibytes << 20;
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(all, 0, mdat));
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 'm', 'd', 'a', 't'}));
            // Whole copies in 4 MiB writes.
            int per = Math.max(1, (4 << 20) / media.length);
            ByteBuffer block = ByteBuffer.allocate(per * media.length);
            for (int i = 0; i < per; i++) {
                block.put(media);
            }
            long written = 0;
            while (written < target) {
                block.clear();
                written += ch.write(block);
            }
        }
        size = Files.size(broken);
        pageCacheRead(); // into the page cache
    }

    @TearDown(Level.Iteration)
    public void undo() throws IOException {
        if (Files.exists(broken.resolveSibling(broken.getFileName() + ".bmff-undo"))) {
            Recovery.undo(broken);
        }
        Files.deleteIfExists(out);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(out);
        Files.deleteIfExists(broken);
        Files.deleteIfExists(dir);
        System.out.printf("%nRecoveryBenchmark file: %d bytes (%.1f MB)%n", size, size / 1e6);
    }

    @Benchmark
    public RepairReport repairToNewFile() throws IOException {
        return Recovery.repair(reference, broken, out, RepairOptions.defaults());
    }

    @Benchmark
    public RepairReport repairInPlace() throws IOException {
        return Recovery.repair(reference, broken, out, RepairOptions.defaults().withInPlace(true));
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dbmff.repair.helpers=1")
    public RepairReport repairInPlaceWithHelper() throws IOException {
        return Recovery.repair(reference, broken, out, RepairOptions.defaults().withInPlace(true));
    }

    @Benchmark
    public long pageCacheRead() throws IOException {
        return PageCache.read(broken);
    }
}

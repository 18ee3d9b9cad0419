package dev.bmff.benchmarks;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.Matrix;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.index.reference.ReferenceTableExpansion;
import dev.bmff.core.index.IndexedSample;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Sample table expansion: the single-pass {@link SampleIndex} against its reference twin
 * {@link ReferenceTableExpansion}, on the tables of a long recording (a video track with B-frames:
 * per-sample ctts runs, a keyframe every 50 samples, chunks of 1 to 4 samples, 64-bit chunk offsets).
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar TableExpansion}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TableExpansionBenchmark {
    @Param({"100000", "1000000"})
    int samples;

    private Path file;
    private ReadResult read;
    private SampleTableBox stbl;

    @Setup
    public void setUp() throws IOException {
        stbl = tables(samples, new Random(42));
        MovieBox moov = new MovieBox(List.of(MovieHeaderBox.of(1000, 0, 2),
                new TrackBox(List.of(new TrackHeaderBox(0, 3, 0, 0, 1, 0, 0, 0, 0, Matrix.IDENTITY, 0, 0),
                        new MediaBox(List.of(MediaHeaderBox.of(12800, 0, "und"),
                                HandlerBox.of(HandlerBox.VIDEO, "bench"),
                                new MediaInformationBox(List.of(stbl))))))));
        file = Files.createTempFile("bmff-bench", ".mp4");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(BoxWriter.toBytes(new FileTypeBox(BoxTypes.FTYP, FourCC.of("isom"), 0,
                    List.of(FourCC.of("isom"))))));
            ch.write(ByteBuffer.wrap(BoxWriter.toBytes(moov)));
            // The samples' bytes are never read, but they must lie inside the file: make it sparse-large.
            ch.write(ByteBuffer.wrap(new byte[1]), 1L << 40);
        }
        read = BoxReader.read(file, ReadOptions.strict());
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public SampleIndex singlePass() throws IOException {
        return SampleIndex.of(read);
    }

    @Benchmark
    public List<IndexedSample> reference() {
        return ReferenceTableExpansion.expand(stbl);
    }

    static SampleTableBox tables(int n, Random rnd) {
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = i % 50 == 0 ? 40_000 + rnd.nextInt(20_000) : 500 + rnd.nextInt(8_000);
        }
        long[] cttsCounts = new long[n];
        long[] cttsOffsets = new long[n];
        for (int i = 0; i < n; i++) {
            cttsCounts[i] = 1;
            cttsOffsets[i] = (i % 3 == 0 ? 1024 : i % 3 == 1 ? 2048 : 512);
        }
        long[] sync = new long[(n + 49) / 50];
        for (int i = 0; i < sync.length; i++) {
            sync[i] = 1L + 50L * i;
        }
        // Chunks of 1..4 samples; a run of equal chunks gets one stsc entry.
        java.util.ArrayList<Long> first = new java.util.ArrayList<>();
        java.util.ArrayList<Long> per = new java.util.ArrayList<>();
        java.util.ArrayList<Long> offsets = new java.util.ArrayList<>();
        long offset = 1L << 33;
        int s = 0;
        int chunk = 1;
        long lastPer = -1;
        while (s < n) {
            int spc = Math.min(n - s, 1 + rnd.nextInt(4));
            if (spc != lastPer) {
                first.add((long) chunk);
                per.add((long) spc);
                lastPer = spc;
            }
            offsets.add(offset);
            for (int k = 0; k < spc; k++) {
                offset += sizes[s++];
            }
            offset += 3_000; // an audio chunk in between
            chunk++;
        }
        long[] sdi = new long[first.size()];
        java.util.Arrays.fill(sdi, 1);
        return new SampleTableBox(List.<Box>of(
                new TimeToSampleBox(0, 0, LongArray.of(n), LongArray.of(512)),
                new CompositionOffsetBox(0, 0, LongArray.of(cttsCounts), LongArray.of(cttsOffsets)),
                new SyncSampleBox(0, 0, LongArray.of(sync)),
                new SampleToChunkBox(0, 0, LongArray.of(first.stream().mapToLong(Long::longValue).toArray()),
                        LongArray.of(per.stream().mapToLong(Long::longValue).toArray()), LongArray.of(sdi)),
                SampleSizeBox.of(LongArray.of(sizes)),
                new ChunkLargeOffsetBox(0, 0, LongArray.of(offsets.stream().mapToLong(Long::longValue).toArray()))));
    }
}

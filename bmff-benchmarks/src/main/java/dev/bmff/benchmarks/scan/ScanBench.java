package dev.bmff.benchmarks.scan;

import dev.bmff.codecs.scan.SignatureScanner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every {@code *ScanBenchmark} measures, in one JMH run so only the ratios count: over the same
 * {@link ScanData#SIZE} bytes of generated H.264 ({@code data}: zero-heavy CAVLC or noisy CABAC), on a
 * heap array or a loaded mapped file ({@code memory}), count every match with
 * <ul>
 * <li>{@code baseline}: no scanner, the fastest read-only pass we can write (summing the bytes as longs
 * with the Vector API): the memory speed a scanner can hope for;
 * <li>{@code reference}: the byte-by-byte reference twin;
 * <li>{@code fast}: the scanner {@code of} returns, which is the Vector API kernel in this JVM (the
 * forks run with {@code --add-modules jdk.incubator.vector}; set-up fails if it is not);
 * <li>{@code scalar}: the scalar kernel, what users get without the module.
 * </ul>
 * Scores are milliseconds per MiB scanned ({@link OperationsPerInvocation}: one MiB is one operation), so
 * GB/s = {@code 1.048576 / score}. The reference twins scan only the first {@link #REFERENCE_BYTES} (they
 * run at tens to hundreds of MB/s, and their speed does not depend on the cache), the others all of it.
 * {@code scripts/bench.sh} turns a run into the table of docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public abstract class ScanBench {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int MIB = 1 << 20;
    /** Bytes the reference twins scan: a slice, to keep the short profile short. */
    public static final int REFERENCE_BYTES = 8 * MIB;

    @Param({"cavlc", "cabac"})
    public String data;

    @Param({"heap", "mapped"})
    public String memory;

    private byte[] array;
    private ByteBuffer mapped;
    private SignatureScanner fast;
    private SignatureScanner scalar;
    private SignatureScanner reference;

    /** {@code annexb} or {@code mp4}: which stream the signature lives in. */
    protected abstract String container();

    protected abstract SignatureScanner fastScanner();

    protected abstract SignatureScanner scalarScanner();

    protected abstract SignatureScanner referenceScanner();

    /** True when {@code s} runs on the Vector API. */
    protected abstract boolean vectorized(SignatureScanner s);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path file = ScanData.file(data, container());
        if (memory.equals("heap")) {
            array = Files.readAllBytes(file);
        } else {
            try (FileChannel ch = FileChannel.open(file)) {
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                m.load();
                mapped = m;
            }
        }
        fast = fastScanner();
        scalar = scalarScanner();
        reference = referenceScanner();
        if (!vectorized(fast) || vectorized(scalar)) {
            throw new IllegalStateException("fast must be the vector kernel and scalar the scalar one: run the "
                    + "fork with --add-modules jdk.incubator.vector (" + fast + ", " + scalar + ")");
        }
        if (array != null ? array.length != ScanData.SIZE : mapped.limit() != ScanData.SIZE) {
            throw new IllegalStateException(file + " is not " + ScanData.SIZE + " bytes");
        }
        if (count(fast, ScanData.SIZE) != count(scalar, ScanData.SIZE)) {
            throw new IllegalStateException("fast and scalar disagree on " + file);
        }
    }

    private int count(SignatureScanner s, int to) {
        int n = 0;
        if (array != null) {
            for (int at = s.find(array, 0, to); at >= 0; at = s.find(array, at + 1, to)) {
                n++;
            }
        } else {
            for (int at = s.find(mapped, 0, to); at >= 0; at = s.find(mapped, at + 1, to)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(ScanData.SIZE / MIB)
    public long baseline() {
        LongVector acc = LongVector.zero(LONGS);
        int step = LONGS.vectorByteSize();
        if (array != null) {
            byte[] a = array;
            for (int i = 0; i + step <= a.length; i += step) {
                acc = acc.add(LongVector.fromByteArray(LONGS, a, i, ByteOrder.LITTLE_ENDIAN));
            }
        } else {
            ByteBuffer b = mapped;
            for (int i = 0, n = b.limit(); i + step <= n; i += step) {
                acc = acc.add(LongVector.fromByteBuffer(LONGS, b, i, ByteOrder.LITTLE_ENDIAN));
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    @OperationsPerInvocation(REFERENCE_BYTES / MIB)
    public int reference() {
        return count(reference, REFERENCE_BYTES);
    }

    @Benchmark
    @OperationsPerInvocation(ScanData.SIZE / MIB)
    public int fast() {
        return count(fast, ScanData.SIZE);
    }

    @Benchmark
    @OperationsPerInvocation(ScanData.SIZE / MIB)
    public int scalar() {
        return count(scalar, ScanData.SIZE);
    }
}

package dev.bmff.benchmarks;

import dev.bmff.codecs.scan.BoxHeaderScanner;
import dev.bmff.codecs.scan.BoxHeaderSignature;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.ReferenceBoxHeaderScanner;
import dev.bmff.codecs.scan.ReferencePatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The signature scanners against their byte-by-byte reference twins and a read-only baseline (summing
 * the buffer as longs, the fastest plain pass over the same bytes), all in one run so only ratios count.
 * Data: 64 MiB of random bytes (no match, the common case inside media data) on the heap.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar ScannerBenchmark}. Targets are set by
 * the benchmarks issue; throughput in bytes/s is {@code 64 MiB / score}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScannerBenchmark {
    private static final int SIZE = 64 << 20;

    @Param({"ANNEX_B_START_CODE", "H264_AUD", "HEVC_AUD", "SONY_RTMD", "BOX_HEADER"})
    String signature;

    private byte[] data;
    private ByteBuffer longs;
    private SignatureScanner fast;
    private SignatureScanner reference;

    @Setup(Level.Trial)
    public void setUp() {
        data = new byte[SIZE];
        new Random(7).nextBytes(data);
        longs = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        if (signature.equals("BOX_HEADER")) {
            fast = BoxHeaderScanner.ofDefaultTypes();
            reference = new ReferenceBoxHeaderScanner(BoxHeaderSignature.defaultTypes());
        } else {
            BytePattern p = switch (signature) {
                case "ANNEX_B_START_CODE" -> BytePattern.ANNEX_B_START_CODE;
                case "H264_AUD" -> BytePattern.H264_AUD;
                case "HEVC_AUD" -> BytePattern.HEVC_AUD;
                default -> BytePattern.SONY_RTMD;
            };
            fast = PatternScanner.of(p);
            reference = new ReferencePatternScanner(p);
        }
    }

    /** Counts matches so the JIT cannot drop the scan. */
    private static int countAll(SignatureScanner s, byte[] d) {
        int n = 0;
        int at = s.find(d, 0, d.length);
        while (at >= 0) {
            n++;
            at = s.find(d, at + 1, d.length);
        }
        return n;
    }

    @Benchmark
    public int fast() {
        return countAll(fast, data);
    }

    @Benchmark
    public int reference() {
        return countAll(reference, data);
    }

    /** The read-only baseline: every byte touched once, 8 at a time. */
    @Benchmark
    public long baselineSumLongs() {
        long sum = 0;
        for (int i = 0; i + 8 <= SIZE; i += 8) {
            sum += longs.getLong(i);
        }
        return sum;
    }
}

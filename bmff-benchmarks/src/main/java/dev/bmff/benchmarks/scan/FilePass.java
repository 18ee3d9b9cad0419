package dev.bmff.benchmarks.scan;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.ChannelScanner;
import dev.bmff.codecs.scan.PatternScanner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One whole-file scan through a {@link FileChannel}, as the recovery does it, for {@code scripts/bench.sh}
 * to set beside {@code dd bs=1M} of the same file in the same minute. For each way of reading
 * ({@code read}: windows read into a buffer, {@code mapped}: windows mapped) it runs {@code runs}
 * passes of {@link ChannelScanner} with the H.264 AUD scanner (after warm-up passes) and prints one line:
 * {@code mode median-GB/s best-GB/s matches}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp bmff-benchmarks/target/benchmarks.jar
 * dev.bmff.benchmarks.scan.FilePass FILE [RUNS]}
 */
public final class FilePass {
    private FilePass() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PatternScanner aud = PatternScanner.of(BytePattern.H264_AUD);
        for (String mode : new String[] {"read", "mapped"}) {
            ChannelScanner scanner = ChannelScanner.of(aud);
            if (mode.equals("mapped")) {
                scanner = scanner.mapped();
            }
            double[] gbs = new double[runs];
            long matches = 0;
            try (FileChannel ch = FileChannel.open(file)) {
                for (int i = -3; i < runs; i++) {
                    long t = System.nanoTime();
                    matches = scanner.matches(ch, 0, ch.size()).count();
                    double s = (System.nanoTime() - t) / 1e9;
                    if (i >= 0) {
                        gbs[i] = ch.size() / 1e9 / s;
                    }
                }
            }
            Arrays.sort(gbs);
            System.out.printf("%s %.3f %.3f %d %s%n", mode, gbs[runs / 2], gbs[runs - 1], matches,
                    aud.isVectorized() ? "vector" : "scalar");
        }
    }
}

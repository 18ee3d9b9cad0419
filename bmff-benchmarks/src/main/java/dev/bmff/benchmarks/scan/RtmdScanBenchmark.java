package dev.bmff.benchmarks.scan;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.reference.ReferencePatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;

/**
 * The Sony rtmd header {@code 00 1c 01 00}, tag {@code f0 01 00 10} at +8 (absent: a pure scan), as described in {@link ScanBench}.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar RtmdScanBenchmark}
 */
public class RtmdScanBenchmark extends ScanBench {
    @Override
    protected String container() {
        return "mp4";
    }

    @Override
    protected SignatureScanner fastScanner() {
        return PatternScanner.of(BytePattern.SONY_RTMD);
    }

    @Override
    protected SignatureScanner scalarScanner() {
        return PatternScanner.scalarOf(BytePattern.SONY_RTMD);
    }

    @Override
    protected SignatureScanner referenceScanner() {
        return new ReferencePatternScanner(BytePattern.SONY_RTMD);
    }

    @Override
    protected boolean vectorized(SignatureScanner s) {
        return ((PatternScanner) s).isVectorized();
    }
}

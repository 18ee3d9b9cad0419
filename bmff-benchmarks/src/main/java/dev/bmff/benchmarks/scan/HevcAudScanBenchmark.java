package dev.bmff.benchmarks.scan;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.reference.ReferencePatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;

/**
 * The HEVC access unit delimiter {@code 00 00 00 03 46 01} (absent from this H.264: a pure scan), as described in {@link ScanBench}.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar HevcAudScanBenchmark}
 */
public class HevcAudScanBenchmark extends ScanBench {
    @Override
    protected String container() {
        return "mp4";
    }

    @Override
    protected SignatureScanner fastScanner() {
        return PatternScanner.of(BytePattern.HEVC_AUD);
    }

    @Override
    protected SignatureScanner scalarScanner() {
        return PatternScanner.scalarOf(BytePattern.HEVC_AUD);
    }

    @Override
    protected SignatureScanner referenceScanner() {
        return new ReferencePatternScanner(BytePattern.HEVC_AUD);
    }

    @Override
    protected boolean vectorized(SignatureScanner s) {
        return ((PatternScanner) s).isVectorized();
    }
}

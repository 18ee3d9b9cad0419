package dev.bmff.benchmarks.scan;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.reference.ReferencePatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;

/**
 * The H.264 access unit delimiter {@code 00 00 00 02 09}, as described in {@link ScanBench}.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar AvcAudScanBenchmark}
 */
public class AvcAudScanBenchmark extends ScanBench {
    @Override
    protected String container() {
        return "mp4";
    }

    @Override
    protected SignatureScanner fastScanner() {
        return PatternScanner.of(BytePattern.H264_AUD);
    }

    @Override
    protected SignatureScanner scalarScanner() {
        return PatternScanner.scalarOf(BytePattern.H264_AUD);
    }

    @Override
    protected SignatureScanner referenceScanner() {
        return new ReferencePatternScanner(BytePattern.H264_AUD);
    }

    @Override
    protected boolean vectorized(SignatureScanner s) {
        return ((PatternScanner) s).isVectorized();
    }
}

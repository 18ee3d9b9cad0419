package dev.bmff.benchmarks.scan;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.reference.ReferencePatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;

/**
 * The Annex B start code {@code 00 00 01}, as described in {@link ScanBench}.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar StartCodeScanBenchmark}
 */
public class StartCodeScanBenchmark extends ScanBench {
    @Override
    protected String container() {
        return "annexb";
    }

    @Override
    protected SignatureScanner fastScanner() {
        return PatternScanner.of(BytePattern.ANNEX_B_START_CODE);
    }

    @Override
    protected SignatureScanner scalarScanner() {
        return PatternScanner.scalarOf(BytePattern.ANNEX_B_START_CODE);
    }

    @Override
    protected SignatureScanner referenceScanner() {
        return new ReferencePatternScanner(BytePattern.ANNEX_B_START_CODE);
    }

    @Override
    protected boolean vectorized(SignatureScanner s) {
        return ((PatternScanner) s).isVectorized();
    }
}

package dev.bmff.benchmarks.scan;

import dev.bmff.codecs.scan.BoxHeaderScanner;
import dev.bmff.codecs.scan.BoxHeaderSignature;
import dev.bmff.codecs.scan.reference.ReferenceBoxHeaderScanner;
import dev.bmff.codecs.scan.SignatureScanner;

/**
 * Plausible box headers of {@link BoxHeaderSignature#defaultTypes()} in the MP4 stream, as described in
 * {@link ScanBench}.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar BoxHeaderScanBenchmark}
 */
public class BoxHeaderScanBenchmark extends ScanBench {
    @Override
    protected String container() {
        return "mp4";
    }

    @Override
    protected SignatureScanner fastScanner() {
        return BoxHeaderScanner.ofDefaultTypes();
    }

    @Override
    protected SignatureScanner scalarScanner() {
        return BoxHeaderScanner.scalarOf(BoxHeaderSignature.defaultTypes());
    }

    @Override
    protected SignatureScanner referenceScanner() {
        return new ReferenceBoxHeaderScanner(BoxHeaderSignature.defaultTypes());
    }

    @Override
    protected boolean vectorized(SignatureScanner s) {
        return ((BoxHeaderScanner) s).isVectorized();
    }
}

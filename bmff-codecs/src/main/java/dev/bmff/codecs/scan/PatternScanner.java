package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The fast scanner for a {@link BytePattern}. With the Vector API available (the application runs with
 * {@code --add-modules jdk.incubator.vector}) it tests a whole SIMD register of starts at once (64 on
 * AVX-512) against up to four of the pattern's bytes; otherwise it tests 8 starts at a time in a long
 * (SWAR) for a rare pair of the pattern's bytes. Either way only candidates get the full comparison, and
 * the answers are exactly those of the byte-by-byte twin the tests compare it with (not API:
 * {@code dev.bmff.codecs.scan.reference.ReferencePatternScanner}).
 *
 * <pre>{@code
 * SignatureScanner starts = PatternScanner.of(BytePattern.ANNEX_B_START_CODE);
 * int at = starts.find(buffer, 0, buffer.limit());
 * }</pre>
 */
public final class PatternScanner implements SignatureScanner {
    private final BytePattern pattern;
    private final ScanKernel kernel;

    private PatternScanner(BytePattern pattern, boolean vector) {
        this.pattern = Objects.requireNonNull(pattern);
        ScanKernel scalar = new SwarPatternKernel(pattern);
        this.kernel = vector ? VectorKernels.pattern(pattern, scalar) : scalar;
    }

    /** The fastest scanner for {@code pattern} this JVM offers (vector when available, else scalar). */
    public static PatternScanner of(BytePattern pattern) {
        return new PatternScanner(pattern, FastPath.vector());
    }

    /** The scalar (SWAR) scanner for {@code pattern}, whatever the JVM offers; for comparisons. */
    public static PatternScanner scalarOf(BytePattern pattern) {
        return new PatternScanner(pattern, false);
    }

    public BytePattern pattern() {
        return pattern;
    }

    /** True when this scanner runs on the Vector API. */
    public boolean isVectorized() {
        return kernel.vectorized();
    }

    @Override
    public int maxLength() {
        return pattern.length();
    }

    @Override
    public int find(byte[] data, int from, int to) {
        return kernel.findChecked(data, from, to);
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        return kernel.findChecked(buffer, from, to);
    }

    @Override
    public String toString() {
        return "PatternScanner[" + pattern + ", " + kernel + "]";
    }
}

package dev.bmff.codecs.scan.reference;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The obviously correct twin of {@link PatternScanner}: tries the pattern at every offset, byte by
 * byte. For tests and benchmarks (not API: its module exports this package to the benchmarks only); use
 * {@link PatternScanner} for real work.
 *
 * <pre>{@code
 * int expected = new ReferencePatternScanner(BytePattern.HEVC_AUD).find(data, 0, data.length);
 * }</pre>
 */
public final class ReferencePatternScanner implements SignatureScanner {
    private final BytePattern pattern;

    public ReferencePatternScanner(BytePattern pattern) {
        this.pattern = Objects.requireNonNull(pattern);
    }

    @Override
    public int maxLength() {
        return pattern.length();
    }

    @Override
    public int find(byte[] data, int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        for (int s = from; s + pattern.length() <= to; s++) {
            if (pattern.matches(data, s)) {
                return s;
            }
        }
        return -1;
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        for (int s = from; s + pattern.length() <= to; s++) {
            if (pattern.matches(buffer, s)) {
                return s;
            }
        }
        return -1;
    }
}

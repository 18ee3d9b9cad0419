package dev.bmff.codecs.scan;

import dev.bmff.core.FourCC;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;

/**
 * The fast scanner for plausible box headers ({@link BoxHeaderSignature}). With the Vector API available
 * (the application runs with {@code --add-modules jdk.incubator.vector}) it tests a SIMD register of
 * offsets at once: each of the four type bytes must fall in the few byte ranges that byte takes in some
 * wanted type. Otherwise a Horspool-style skip over the last type byte. Either way only candidates get
 * the hash look-up of the whole type and the size check, and the answers are exactly those of the byte-by-byte
 * twin the tests compare it with (not API: {@code dev.bmff.codecs.scan.reference.ReferenceBoxHeaderScanner}).
 *
 * <pre>{@code
 * SignatureScanner boxes = BoxHeaderScanner.of(BoxHeaderSignature.defaultTypes());
 * int at = boxes.find(data, 0, data.length);   // the offset of the size field
 * }</pre>
 */
public final class BoxHeaderScanner implements SignatureScanner {
    private final ScanKernel kernel;

    private BoxHeaderScanner(Set<FourCC> types, boolean vector) {
        BoxTypeSet set = new BoxTypeSet(Objects.requireNonNull(types));
        ScanKernel scalar = new SwarBoxKernel(set);
        this.kernel = vector ? VectorKernels.boxHeader(set, scalar) : scalar;
    }

    /** The fastest scanner for headers whose type is in {@code types} this JVM offers. */
    public static BoxHeaderScanner of(Set<FourCC> types) {
        return new BoxHeaderScanner(types, FastPath.vector());
    }

    /** The fastest scanner for {@link BoxHeaderSignature#defaultTypes()}. */
    public static BoxHeaderScanner ofDefaultTypes() {
        return of(BoxHeaderSignature.defaultTypes());
    }

    /** The scalar scanner for {@code types}, whatever the JVM offers; for comparisons. */
    public static BoxHeaderScanner scalarOf(Set<FourCC> types) {
        return new BoxHeaderScanner(types, false);
    }

    /** True when this scanner runs on the Vector API. */
    public boolean isVectorized() {
        return kernel.vectorized();
    }

    @Override
    public int maxLength() {
        return BoxHeaderSignature.MAX_LENGTH;
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
        return "BoxHeaderScanner[" + kernel + "]";
    }
}

package dev.bmff.codecs.scan.reference;

import dev.bmff.codecs.scan.BoxHeaderScanner;
import dev.bmff.codecs.scan.BoxHeaderSignature;
import dev.bmff.codecs.scan.SignatureScanner;
import dev.bmff.core.FourCC;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;

/**
 * The obviously correct twin of {@link BoxHeaderScanner}: at every offset, assembles size, type and
 * largesize from single bytes and asks the set. For tests and benchmarks (not API: its module exports this
 * package to the benchmarks only).
 *
 * <pre>{@code
 * var ref = new ReferenceBoxHeaderScanner(BoxHeaderSignature.defaultTypes());
 * }</pre>
 */
public final class ReferenceBoxHeaderScanner implements SignatureScanner {
    private final Set<FourCC> types;

    public ReferenceBoxHeaderScanner(Set<FourCC> types) {
        this.types = Set.copyOf(types);
    }

    @Override
    public int maxLength() {
        return BoxHeaderSignature.MAX_LENGTH;
    }

    @Override
    public int find(byte[] data, int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        return find(ByteBuffer.wrap(data), from, to);
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        for (int p = from; p + 8 <= to; p++) {
            if (!types.contains(new FourCC((int) be(buffer, p + 4, 4)))) {
                continue;
            }
            long size = be(buffer, p, 4);
            if (size == 1) {
                // A 64-bit largesize must at least cover the 16-byte header it ends.
                if (p + 16 <= to && be(buffer, p + 8, 8) >= BoxHeaderSignature.MAX_LENGTH) {
                    return p;
                }
            } else if (size >= 8) {
                return p;
            }
        }
        return -1;
    }

    private static long be(ByteBuffer b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b.get(at + i) & 0xFF);
        }
        return v;
    }
}

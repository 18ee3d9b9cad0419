package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The scalar box-header kernel: a Horspool-style window over the four type bytes. One table look-up on
 * the last type byte either skips up to four offsets (most bytes appear in no type) or leads to the
 * hash look-up of the whole type; only then is the size checked.
 */
final class SwarBoxKernel implements ScanKernel {
    /** Per byte value: the shift (1..4) in the low byte, and LAST when it ends some type. */
    private final int[] skip = new int[256];
    private static final int LAST = 0x100;
    private final BoxTypeSet types;

    SwarBoxKernel(BoxTypeSet types) {
        this.types = types;
        java.util.Arrays.fill(skip, 4);
        for (var t : types.types()) {
            int v = t.value();
            for (int k = 0; k < 3; k++) {
                int c = (v >>> (24 - 8 * k)) & 0xFF;
                skip[c] = Math.min(skip[c] & 0xFF, 3 - k) | (skip[c] & LAST);
            }
            skip[v & 0xFF] |= LAST;
        }
    }

    @Override
    public boolean vectorized() {
        return false;
    }

    @Override
    public int find(byte[] data, int from, int to) {
        int[] sk = skip;
        for (int p = from, last = to - BoxHeaderSignature.MIN_LENGTH; p <= last; ) {
            int s = sk[data[p + 7] & 0xFF];
            if ((s & LAST) != 0 && types.headerAt(data, p, to)) {
                return p;
            }
            p += s & 0xFF;
        }
        return -1;
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        int[] sk = skip;
        for (int p = from, last = to - BoxHeaderSignature.MIN_LENGTH; p <= last; ) {
            int s = sk[b.get(p + 7) & 0xFF];
            if ((s & LAST) != 0 && types.headerAt(b, p, to)) {
                return p;
            }
            p += s & 0xFF;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Horspool over the type";
    }
}

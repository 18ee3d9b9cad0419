package dev.bmff.codecs.scan;

import dev.bmff.core.FourCC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Set;

/**
 * The fast scanner for plausible box headers ({@link BoxHeaderSignature}). It slides a Horspool-style
 * window over the four type bytes: one table look-up on the last type byte either skips up to four
 * offsets (most bytes appear in no type) or leads to an open-addressing hash look-up of the whole type;
 * only then is the size checked.
 *
 * <pre>{@code
 * SignatureScanner boxes = BoxHeaderScanner.of(BoxHeaderSignature.defaultTypes());
 * int at = boxes.find(data, 0, data.length);   // the offset of the size field
 * }</pre>
 */
public final class BoxHeaderScanner implements SignatureScanner {
    /** Per byte value: the shift (1..4) in the low byte, and LAST when it ends some type. */
    private final int[] skip = new int[256];
    private static final int LAST = 0x100;
    private final int[] table;
    private final int tableShift;
    private final boolean hasZeroType;

    private BoxHeaderScanner(Set<FourCC> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no box types to look for");
        }
        java.util.Arrays.fill(skip, 4);
        for (FourCC t : types) {
            int v = t.value();
            for (int k = 0; k < 3; k++) {
                int c = (v >>> (24 - 8 * k)) & 0xFF;
                skip[c] = Math.min(skip[c] & 0xFF, 3 - k) | (skip[c] & LAST);
            }
            skip[v & 0xFF] |= LAST;
        }
        int bits = 6;
        while ((1 << bits) < types.size() * 4) {
            bits++;
        }
        table = new int[1 << bits];
        tableShift = 32 - bits;
        boolean zero = false;
        for (FourCC t : types) {
            if (t.value() == 0) {
                zero = true; // 0 marks an empty slot, so this one type is remembered apart
                continue;
            }
            int i = slot(t.value());
            while (table[i] != 0 && table[i] != t.value()) {
                i = (i + 1) & (table.length - 1);
            }
            table[i] = t.value();
        }
        hasZeroType = zero;
    }

    /** A scanner for headers whose type is in {@code types}. */
    public static BoxHeaderScanner of(Set<FourCC> types) {
        return new BoxHeaderScanner(Objects.requireNonNull(types));
    }

    /** A scanner for {@link BoxHeaderSignature#defaultTypes()}. */
    public static BoxHeaderScanner ofDefaultTypes() {
        return new BoxHeaderScanner(BoxHeaderSignature.defaultTypes());
    }

    private int slot(int type) {
        return (type * 0x9E3779B9) >>> tableShift;
    }

    boolean isType(int type) {
        if (type == 0) {
            return hasZeroType;
        }
        int i = slot(type);
        int mask = table.length - 1;
        while (true) {
            int t = table[i];
            if (t == type) {
                return true;
            }
            if (t == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    @Override
    public int maxLength() {
        return BoxHeaderSignature.MAX_LENGTH;
    }

    @Override
    public int find(byte[] data, int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        int[] sk = skip;
        for (int p = from, last = to - BoxHeaderSignature.MIN_LENGTH; p <= last; ) {
            int s = sk[data[p + 7] & 0xFF];
            if ((s & LAST) != 0 && isType((int) Swar.INT_BE.get(data, p + 4)) && sizeOk(data, p, to)) {
                return p;
            }
            p += s & 0xFF;
        }
        return -1;
    }

    private static boolean sizeOk(byte[] data, int p, int to) {
        int size = (int) Swar.INT_BE.get(data, p);
        if (size != 1) {
            return BoxHeaderSignature.plausibleSize(size, 0);
        }
        return p + 16 <= to && BoxHeaderSignature.plausibleSize(1, (long) Swar.LONG_BE.get(data, p + 8));
    }

    @Override
    public int find(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        if (buffer.hasArray()) {
            int off = buffer.arrayOffset();
            int r = find(buffer.array(), off + from, off + to);
            return r < 0 ? -1 : r - off;
        }
        ByteBuffer b = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        int[] sk = skip;
        for (int p = from, last = to - BoxHeaderSignature.MIN_LENGTH; p <= last; ) {
            int s = sk[b.get(p + 7) & 0xFF];
            if ((s & LAST) != 0 && isType(b.getInt(p + 4)) && sizeOk(b, p, to)) {
                return p;
            }
            p += s & 0xFF;
        }
        return -1;
    }

    private static boolean sizeOk(ByteBuffer b, int p, int to) {
        int size = b.getInt(p);
        if (size != 1) {
            return BoxHeaderSignature.plausibleSize(size, 0);
        }
        return p + 16 <= to && BoxHeaderSignature.plausibleSize(1, b.getLong(p + 8));
    }
}

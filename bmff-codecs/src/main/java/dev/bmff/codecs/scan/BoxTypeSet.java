package dev.bmff.codecs.scan;

import dev.bmff.core.FourCC;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The box types a header scan accepts, as an open-addressing hash table of their 32-bit values, and the
 * full header test at one offset (type in the set, then a plausible size). Shared by every box kernel.
 */
final class BoxTypeSet {
    private final Set<FourCC> types;
    private final int[] table;
    private final int tableShift;
    private final boolean hasZeroType;

    BoxTypeSet(Set<FourCC> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no box types to look for");
        }
        this.types = Set.copyOf(types);
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

    Set<FourCC> types() {
        return types;
    }

    private int slot(int type) {
        return (type * 0x9E3779B9) >>> tableShift;
    }

    boolean contains(int type) {
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

    /** True when a plausible header starts at {@code p} and ends at or before {@code to}. */
    boolean headerAt(byte[] data, int p, int to) {
        if (p + BoxHeaderSignature.MIN_LENGTH > to || !contains((int) Swar.INT_BE.get(data, p + 4))) {
            return false;
        }
        int size = (int) Swar.INT_BE.get(data, p);
        if (size != 1) {
            return BoxHeaderSignature.plausibleSize(size, 0);
        }
        return p + 16 <= to && BoxHeaderSignature.plausibleSize(1, (long) Swar.LONG_BE.get(data, p + 8));
    }

    /** As {@link #headerAt(byte[], int, int)}; {@code b} must be big-endian. */
    boolean headerAt(ByteBuffer b, int p, int to) {
        if (p + BoxHeaderSignature.MIN_LENGTH > to || !contains(b.getInt(p + 4))) {
            return false;
        }
        int size = b.getInt(p);
        if (size != 1) {
            return BoxHeaderSignature.plausibleSize(size, 0);
        }
        return p + 16 <= to && BoxHeaderSignature.plausibleSize(1, b.getLong(p + 8));
    }

    /** The values byte {@code k} (0..3) of some type takes, as a 256-entry membership table. */
    boolean[] bytesAt(int k) {
        boolean[] in = new boolean[256];
        for (FourCC t : types) {
            in[(t.value() >>> (24 - 8 * k)) & 0xFF] = true;
        }
        return in;
    }
}

package dev.bmff.core.box;

/** Range checks for model fields, so every model value can be written back exactly. */
final class Fields {
    private Fields() {
    }

    static long u32(String name, long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " must fit in 32 unsigned bits: " + v);
        }
        return v;
    }

    static int u16(String name, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " must fit in 16 unsigned bits: " + v);
        }
        return v;
    }

    static int u8(String name, int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(name + " must fit in 8 unsigned bits: " + v);
        }
        return v;
    }

    static int flags(int v) {
        if (v < 0 || v > 0xFF_FFFF) {
            throw new IllegalArgumentException("flags must fit in 24 bits: " + v);
        }
        return v;
    }

    static int version(int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("version must be 0.." + max + ": " + v);
        }
        return v;
    }

    /** A value held in a field of 32 bits when {@code version == 0} and 64 bits otherwise. */
    static long sized(String name, int version, long v) {
        return version == 0 ? u32(name, v) : v;
    }

    static Bytes exact(String name, Bytes b, int length) {
        if (b.size() != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes: " + b.size());
        }
        return b;
    }

    static void sameSize(String what, LongArray a, LongArray b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(what + " columns differ in length: " + a.size() + " vs " + b.size());
        }
    }

    static LongArray allU32(String name, LongArray a) {
        if (!a.allWithin(0, 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException(name + " values must fit in 32 unsigned bits");
        }
        return a;
    }
}

package dev.bmff.core.box;

/**
 * The 3x3 transformation matrix of mvhd and tkhd: {@code a b u / c d v / x y w}, with
 * a, b, c, d, x, y in 16.16 and u, v, w in 2.30 fixed point, exactly as stored.
 */
public record Matrix(int a, int b, int u, int c, int d, int v, int x, int y, int w) {
    /** The identity matrix, the value almost every file carries. */
    public static final Matrix IDENTITY = new Matrix(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

    /** The nine values in file order. */
    public int[] values() {
        return new int[] {a, b, u, c, d, v, x, y, w};
    }
}

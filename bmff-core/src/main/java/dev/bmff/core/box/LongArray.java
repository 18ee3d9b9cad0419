package dev.bmff.core.box;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

/**
 * An immutable array of {@code long}s: the columns of sample tables, which can hold millions of
 * entries and must not cost one object per entry.
 *
 * <pre>{@code
 * LongArray sizes = LongArray.of(1200, 310, 298);
 * long total = sizes.stream().sum();
 * }</pre>
 */
public final class LongArray {
    /** No values. */
    public static final LongArray EMPTY = new LongArray(new long[0]);

    private final long[] values;

    private LongArray(long[] values) {
        this.values = values;
    }

    /** A copy of {@code values}. */
    public static LongArray of(long... values) {
        return values.length == 0 ? EMPTY : new LongArray(values.clone());
    }

    /** Takes ownership of an array the caller will never touch again (no copy). */
    public static LongArray wrapOwned(long[] values) {
        return values.length == 0 ? EMPTY : new LongArray(values);
    }

    /** The first {@code length} values of {@code values}, copied. */
    public static LongArray copyOf(long[] values, int length) {
        return length == 0 ? EMPTY : new LongArray(Arrays.copyOf(values, length));
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public long get(int index) {
        return values[index];
    }

    public LongStream stream() {
        return Arrays.stream(values);
    }

    /** A copy of the values. */
    public long[] toArray() {
        return values.clone();
    }

    /** A new array with {@code op} applied to every value. */
    public LongArray map(LongUnaryOperator op) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.applyAsLong(values[i]);
        }
        return wrapOwned(out);
    }

    /** True when every value lies in {@code [min, max]}. */
    public boolean allWithin(long min, long max) {
        for (long v : values) {
            if (v < min || v > max) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongArray a && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Size and up to the first 8 values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(8, values.length); i++) {
            sb.append(i == 0 ? "" : ", ").append(values[i]);
        }
        if (values.length > 8) {
            sb.append(", ... (").append(values.length).append(" values)");
        }
        return sb.append(']').toString();
    }
}

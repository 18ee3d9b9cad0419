package dev.bmff.core.io;

/**
 * How {@link BoxReader} reads: strict or lenient, and the limits that keep hostile input from
 * exhausting memory or time.
 *
 * <pre>{@code
 * ReadOptions opts = ReadOptions.lenient().withMaxInMemoryBox(64 << 20);
 * }</pre>
 *
 * @param mode {@link Mode#LENIENT}: problems are reported in {@link ReadResult#problems()} and reading goes on
 *     with what could be read; {@link Mode#STRICT}: the first problem throws {@link dev.bmff.core.BmffFormatException}
 * @param maxDepth deepest nesting of boxes accepted
 * @param maxBoxes most boxes parsed inside one top-level box
 * @param maxInMemoryBox largest top-level box (other than mdat and free space) read into memory to be parsed
 * @param onDiskThreshold top-level unknown and free-space boxes larger than this stay on disk as a file range
 */
public record ReadOptions(Mode mode, int maxDepth, int maxBoxes, long maxInMemoryBox, long onDiskThreshold) {
    /** Strict or lenient reading. */
    public enum Mode {
        /** Throw on the first problem. */
        STRICT,
        /** Report problems and keep what can be read. */
        LENIENT
    }

    public ReadOptions {
        if (mode == null || maxDepth < 1 || maxBoxes < 1 || maxInMemoryBox < 8 || maxInMemoryBox > Integer.MAX_VALUE - 64
                || onDiskThreshold < 0) {
            throw new IllegalArgumentException("read limits out of range");
        }
    }

    /** Throw on the first problem. */
    public static ReadOptions strict() {
        return new ReadOptions(Mode.STRICT, 32, 4_000_000, 1L << 30, 1L << 20);
    }

    /** Report problems and keep what can be read (what recovery needs). */
    public static ReadOptions lenient() {
        return strict().withMode(Mode.LENIENT);
    }

    /** True in {@link Mode#LENIENT} mode. */
    public boolean isLenient() {
        return mode == Mode.LENIENT;
    }

    public ReadOptions withMode(Mode value) {
        return new ReadOptions(value, maxDepth, maxBoxes, maxInMemoryBox, onDiskThreshold);
    }

    public ReadOptions withMaxDepth(int value) {
        return new ReadOptions(mode, value, maxBoxes, maxInMemoryBox, onDiskThreshold);
    }

    public ReadOptions withMaxBoxes(int value) {
        return new ReadOptions(mode, maxDepth, value, maxInMemoryBox, onDiskThreshold);
    }

    public ReadOptions withMaxInMemoryBox(long value) {
        return new ReadOptions(mode, maxDepth, maxBoxes, value, onDiskThreshold);
    }
}

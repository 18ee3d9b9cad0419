package dev.bmff.recover;

/**
 * How to repair.
 *
 * <pre>{@code
 * RepairOptions o = RepairOptions.defaults().withProgress((done, total) -> ...).withMaxSkipBytes(64 << 20);
 * }</pre>
 *
 * @param progress told how far the walk has come
 * @param maxSkipBytes the most unrecognized bytes skipped in one stretch before giving up on the rest
 */
public record RepairOptions(ProgressListener progress, long maxSkipBytes) {
    /** 32 MiB: far more than a few damaged sectors, far less than a file of another kind. */
    public static final long DEFAULT_MAX_SKIP = 32L << 20;

    public RepairOptions {
        if (progress == null) {
            throw new IllegalArgumentException("progress listener is required (use ProgressListener.NONE)");
        }
        if (maxSkipBytes < 0) {
            throw new IllegalArgumentException("maxSkipBytes must not be negative: " + maxSkipBytes);
        }
    }

    public static RepairOptions defaults() {
        return new RepairOptions(ProgressListener.NONE, DEFAULT_MAX_SKIP);
    }

    public RepairOptions withProgress(ProgressListener listener) {
        return new RepairOptions(listener, maxSkipBytes);
    }

    public RepairOptions withMaxSkipBytes(long bytes) {
        return new RepairOptions(progress, bytes);
    }
}

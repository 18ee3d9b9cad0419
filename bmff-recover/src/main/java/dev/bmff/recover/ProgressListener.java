package dev.bmff.recover;

/**
 * Told how far the walk through the broken media data has come; called from the repairing thread, at most
 * every few hundred kilobytes.
 *
 * <pre>{@code
 * ProgressListener p = (done, total) -> System.err.printf("\r%d%%", 100 * done / Math.max(1, total));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /** Nothing. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done bytes of media data walked
     * @param total bytes of media data in all
     */
    void progress(long done, long total);
}

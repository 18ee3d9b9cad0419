package dev.bmff.recover;

/**
 * How to repair.
 *
 * <pre>{@code
 * RepairOptions o = RepairOptions.defaults().withProgress((done, total) -> ...).withMaxSkipBytes(64 << 20)
 *         .withLayout(RepairOptions.Layout.FRAGMENTED);
 * }</pre>
 *
 * @param progress told how far the walk has come
 * @param maxSkipBytes the most unrecognized bytes skipped in one stretch before giving up on the rest
 * @param inPlace allow finishing the broken file itself when that is safe and needs no copy (a hybrid file whose
 *     finalize only lacked its last header writes; a file without a moov repaired with a reference: the moov is
 *     appended and the mdat header rewritten, the old bytes saved to {@code NAME.bmff-undo} for
 *     {@link Recovery#undo}); the output path is then left alone, and the report says what was overwritten.
 *     Otherwise the broken file is only read.
 * @param layout what a repaired fragmented or hybrid file becomes
 * @param faststart write a standard repaired file with its moov before the media data (a browser starts playing it
 *     before it has downloaded the end); costs nothing more when the output is a copy anyway, and cannot be done in
 *     place (it would move every media byte)
 */
public record RepairOptions(ProgressListener progress, long maxSkipBytes, boolean inPlace, Layout layout,
        boolean faststart) {
    /** 32 MiB: far more than a few damaged sectors, far less than a file of another kind. */
    public static final long DEFAULT_MAX_SKIP = 32L << 20;

    /** The layout of the repaired file when the broken one was fragmented or hybrid. */
    public enum Layout {
        /** One mdat and a moov with complete sample tables: every player opens it. */
        STANDARD,
        /**
         * The fragmented file cut after its last complete fragment (a cheap prefix copy), then a rebuilt fragment of
         * the torn last fragment's samples that are fully present, if any.
         */
        FRAGMENTED
    }

    public RepairOptions {
        if (progress == null) {
            throw new IllegalArgumentException("progress listener is required (use ProgressListener.NONE)");
        }
        if (maxSkipBytes < 0) {
            throw new IllegalArgumentException("maxSkipBytes must not be negative: " + maxSkipBytes);
        }
        if (layout == null) {
            throw new IllegalArgumentException("layout is required");
        }
        if (inPlace && faststart) {
            throw new IllegalArgumentException("faststart cannot be done in place: the moov before the media data moves"
                    + " every media byte, a full rewrite of the file; write the repaired file to another path");
        }
    }

    /** Options as before the no-reference repairs: not in place, standard layout, moov at the end. */
    public RepairOptions(ProgressListener progress, long maxSkipBytes) {
        this(progress, maxSkipBytes, false, Layout.STANDARD, false);
    }

    /** Options with the moov at the end. */
    public RepairOptions(ProgressListener progress, long maxSkipBytes, boolean inPlace, Layout layout) {
        this(progress, maxSkipBytes, inPlace, layout, false);
    }

    public static RepairOptions defaults() {
        return new RepairOptions(ProgressListener.NONE, DEFAULT_MAX_SKIP);
    }

    public RepairOptions withProgress(ProgressListener listener) {
        return new RepairOptions(listener, maxSkipBytes, inPlace, layout, faststart);
    }

    public RepairOptions withMaxSkipBytes(long bytes) {
        return new RepairOptions(progress, bytes, inPlace, layout, faststart);
    }

    public RepairOptions withInPlace(boolean allowed) {
        return new RepairOptions(progress, maxSkipBytes, allowed, layout, faststart);
    }

    public RepairOptions withLayout(Layout l) {
        return new RepairOptions(progress, maxSkipBytes, inPlace, l, faststart);
    }

    public RepairOptions withFaststart(boolean on) {
        return new RepairOptions(progress, maxSkipBytes, inPlace, layout, on);
    }
}

package dev.bmff.recover;

import dev.bmff.recover.indexed.IndexedRepair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Repairs broken recordings: the one entry point.
 * <ul>
 * <li>A file whose index was never written (a crashed camera, a pulled card, a killed ffmpeg) needs a reference
 *     recording made with the same settings, which teaches how each track's samples look and are timed; the
 *     broken file's media data is walked sample by sample.</li>
 * <li>A file that still has an index needs none ({@link #repair(Path, Path)}): a standard file whose media data
 *     was cut keeps the samples fully present; a fragmented or hybrid file cut anywhere (or a hybrid finalize
 *     interrupted) keeps every complete fragment. The three-argument form checks this first and uses the
 *     reference only when the broken file has no usable index.</li>
 * <li>A Sony {@code .RSV} file (or another layout a {@link LayoutRepair} on the module or class path recognizes) is
 *     handed to that repairer; see bmff-rsv.</li>
 * </ul>
 * The broken file is opened once, read-only ({@link BrokenFile}), and every step reads it there: which layout it
 * has, whether its index is usable, the walk of its media. The inputs are only read (unless
 * {@link RepairOptions#inPlace()} allows repairing the broken file itself: the finish of a hybrid file, or a rebuilt
 * moov appended, undone with {@link #undo}); the output appears atomically, or not at all. The
 * {@link RepairReport} says which case was found and what was dropped.
 *
 * <pre>{@code
 * RepairReport report = Recovery.repair(Path.of("good.mp4"), Path.of("crashed.mp4"), Path.of("fixed.mp4"));
 * RepairReport cut = Recovery.repair(Path.of("killed-fragmented.mp4"), Path.of("fixed.mp4"));
 * System.out.println(report.kind() + "\n" + report);
 * }</pre>
 */
public final class Recovery {
    private Recovery() {
    }

    /** {@link #repair(Path, Path, Path, RepairOptions)} with {@link RepairOptions#defaults()}. */
    public static RepairReport repair(Path reference, Path broken, Path out) throws IOException {
        return repair(reference, broken, out, RepairOptions.defaults());
    }

    /** {@link #repair(Path, Path, RepairOptions)} with {@link RepairOptions#defaults()}. */
    public static RepairReport repair(Path broken, Path out) throws IOException {
        return repair(broken, out, RepairOptions.defaults());
    }

    /**
     * Repairs {@code broken}, which still has an index, into {@code out}, without a reference.
     *
     * @param broken a standard file with its moov whose media data was cut, or a fragmented or hybrid file cut
     *     anywhere or interrupted while being finalized
     * @param out the repaired file (standard, or fragmented with {@link RepairOptions.Layout#FRAGMENTED});
     *     replaced if it exists; not written when the file was finished in place
     * @return what was kept and dropped, and which case was found ({@link RepairReport#kind()})
     * @throws ReferenceRequiredException when the file has no moov or no complete sample, or has a layout that
     *     needs one (RSV): only a repair with a reference can help
     */
    public static RepairReport repair(Path broken, Path out, RepairOptions options) throws IOException {
        checkOutput(out, broken);
        try (BrokenFile file = BrokenFile.open(broken)) {
            Optional<LayoutRepair> other = LayoutRepair.find(file);
            if (other.isPresent()) {
                throw new ReferenceRequiredException(broken + " is " + other.get().layoutName() + ": " + NEEDS);
            }
            IndexedRepair indexed = IndexedRepair.of(file.boxes());
            if (indexed == null) {
                throw new ReferenceRequiredException(broken + " has no moov (its index was never written): " + NEEDS);
            }
            if (indexed.keptSamples() == 0) {
                throw new ReferenceRequiredException(broken + " has a moov but no complete sample ("
                        + indexed.kind() + "): " + NEEDS);
            }
            return indexed.repair(file, out, options);
        }
    }

    private static final String NEEDS = "repair it with a reference recording made with the same settings";

    /**
     * Repairs {@code broken} into {@code out}. When {@code broken} still has a usable index (see
     * {@link #repair(Path, Path, RepairOptions)}) the reference is not needed and not read.
     *
     * @param reference a complete recording made with the same settings (codec, parameter sets, rates)
     * @param broken the recording without a usable moov (mdat size 0, 8, wrong or past the end, or raw media), or
     *     with one (then repaired without the reference)
     * @param out the repaired file; replaced if it exists
     * @return what was recovered and skipped
     * @throws UnusableReferenceException when the reference cannot be modelled
     * @throws ReferenceMismatchException when the broken file's media does not match the reference
     */
    public static RepairReport repair(Path reference, Path broken, Path out, RepairOptions options)
            throws IOException {
        if (Files.isSameFile(reference, broken)) {
            throw new RepairException("the reference and the broken file are the same file: " + broken);
        }
        checkOutput(out, broken, reference);
        try (BrokenFile file = BrokenFile.open(broken)) {
            Optional<LayoutRepair> other = LayoutRepair.find(file);
            if (other.isPresent()) {
                return other.get().repair(reference, file, out, options);
            }
            IndexedRepair indexed = IndexedRepair.of(file.boxes());
            if (indexed != null && indexed.keptSamples() > 0) {
                return indexed.repair(file, out, options);
            }
            return ReferenceRepair.repair(reference, file, out, options);
        }
    }

    /**
     * Undoes an in-place repair of {@code broken} ({@link RepairOptions#withInPlace}): the bytes it overwrote are
     * restored from {@code broken.bmff-undo}, the appended moov is cut off and the undo file deleted, so the file is
     * byte for byte what it was.
     *
     * @throws RepairException when there is no undo file, it is damaged, or the file is shorter than it was
     */
    public static void undo(Path broken) throws IOException {
        InPlaceRepair.undo(broken);
    }

    private static void checkOutput(Path out, Path... inputs) throws IOException {
        for (Path in : inputs) {
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
                    || (Files.exists(out) && Files.isSameFile(out, in))) {
                throw new RepairException("the output must be a new file, not one of the inputs: " + out);
            }
        }
    }
}

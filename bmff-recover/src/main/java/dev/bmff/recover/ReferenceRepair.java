package dev.bmff.recover;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.io.ReadResult;
import dev.bmff.recover.match.MediaWindow;
import dev.bmff.recover.model.ModelLearner;
import dev.bmff.recover.model.ReferenceModel;
import dev.bmff.recover.model.TrackModel;
import dev.bmff.recover.output.EarlyOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repair of a file that lost its moov, with a model learned from a reference: find the media data
 * ({@link MediaLayout}), walk it sample by sample ({@link MediaWalker}), check that what was found fits the
 * reference, and write the samples with a rebuilt moov ({@link RebuiltMovie}): into a new file, or appended to the
 * broken file itself when in-place repair is allowed and possible ({@link InPlaceRepair}).
 */
final class ReferenceRepair {
    /** Below this share of recognized media data the reference is taken not to match the broken file. */
    private static final double MIN_RECOGNIZED = 0.10;

    private ReferenceRepair() {
    }

    /**
     * Repairs {@code broken} with a model of {@code reference}. Into a new file, the media data is copied on another
     * thread from the moment the broken file's layout is known, while the reference is learned and the media walked
     * ({@link EarlyOutput}): the repair takes about as long as the longer of the two instead of their sum.
     */
    static RepairReport repair(Path reference, BrokenFile broken, Path out, RepairOptions options)
            throws IOException {
        ReadResult referenceBoxes = ModelLearner.read(reference);
        MediaLayout layout = MediaLayout.find(broken.channel());
        // A reference without a moov, a file without media data, or no new file: nothing to copy ahead.
        if (options.inPlace() || layout.end() <= layout.start() || referenceBoxes.movie().isEmpty()) {
            return repair(ModelLearner.learn(reference, referenceBoxes), layout, broken, out, options, null);
        }
        List<Box> head = RebuiltMovie.head(referenceBoxes.first(FileTypeBox.class).orElse(null));
        try (EarlyOutput output = EarlyOutput.start(out, head, broken.channel(), layout.start(),
                layout.end() - layout.start())) {
            return repair(ModelLearner.learn(reference, referenceBoxes), layout, broken, out, options, output);
        }
    }

    /** The repair with a learned model; {@code output} is the new file when its copy already started, or null. */
    private static RepairReport repair(ReferenceModel model, MediaLayout layout, BrokenFile broken, Path out,
            RepairOptions options, EarlyOutput output) throws IOException {
        if (layout.end() <= layout.start()) {
            throw new RepairException(broken + " has no media data (" + layout.note() + ")");
        }
        MediaWindow window = new MediaWindow(broken.channel(), layout.start(), layout.end());
        MediaWalker walker;
        // The other cores parse AAC frames ahead of the walk; the walk's result is the same without them.
        try (MediaWalker.Sharing sharing = AacLookahead.forWalk(window, model.tracks(), model.mediaBytes(), options)) {
            walker = new MediaWalker(window, model.tracks(), model.mediaBytes(), options, sharing);
            walker.walk();
        }
        List<String> warnings = new ArrayList<>();
        warnings.add(layout.note());
        check(model, walker, layout, broken, warnings);
        RebuiltMovie movie = new RebuiltMovie(model, walker.found());
        if (options.inPlace()) {
            long[] header = InPlaceRepair.header(layout, broken.size());
            if (header == null) {
                warnings.add("not repaired in place: " + (layout.header() < 0 ? "the file has no mdat header"
                        : "the media data passes 4 GiB and there are no 8 spare bytes before the mdat header for a"
                        + " 64-bit size") + "; a new file was written");
            } else {
                RebuiltMovie.Built built = movie.build(0);
                built.warnings().addAll(warnings);
                InPlaceRepair.apply(broken.path(), header, built.moov());
                built.warnings().add("repaired in place: moov appended at " + layout.end() + ", " + header[1]
                        + "-byte mdat header written at " + header[0] + "; the overwritten bytes and the old"
                        + " length are in " + InPlaceRepair.undoFile(broken.path()).getFileName()
                        + " (Recovery.undo)");
                return new RepairReport(RepairKind.MOOV_REBUILT_IN_PLACE, layout.start(),
                        layout.end() - layout.start(), built.reports(), walker.skipped(), built.warnings());
            }
        }
        RepairReport written = output != null
                ? movie.write(output, layout.start(), RepairKind.MOOV_REBUILT_FROM_REFERENCE, walker.skipped(),
                        warnings)
                : movie.write(broken.channel(), layout.start(), out, RepairKind.MOOV_REBUILT_FROM_REFERENCE,
                        walker.skipped(), warnings);
        // The report counts the media data found, not only what was copied up to the last sample.
        return new RepairReport(written.kind(), layout.start(), layout.end() - layout.start(), written.tracks(),
                written.skipped(), written.warnings());
    }

    /**
     * Refuses a reference that plainly does not fit: no picture of any video track found and less than
     * {@link #MIN_RECOGNIZED} of the media recognized (zero fill, a sample the end cuts, and damage between
     * recognized samples say nothing about the reference). Otherwise what was found is written, with a warning
     * when little was: a cut inside the only picture still gives every intact audio packet.
     */
    private static void check(ReferenceModel model, MediaWalker walker, MediaLayout layout, BrokenFile broken,
            List<String> warnings) throws ReferenceMismatchException {
        long recognized = 0;
        String missingVideo = null;
        boolean anyVideo = false;
        for (int i = 0; i < model.tracks().size(); i++) {
            TrackModel t = model.tracks().get(i);
            RecoveredTrack r = walker.found().get(i);
            recognized += r.bytes();
            if (t.isVideo()) {
                anyVideo |= r.count() > 0;
                if (r.count() == 0 && missingVideo == null) {
                    missingVideo = t.format().toString();
                }
            }
        }
        long total = layout.end() - layout.start();
        long lastEnd = walker.found().stream().mapToLong(RecoveredTrack::end).max().orElse(-1);
        for (SkippedRange s : walker.skipped()) {
            if (s.end() <= lastEnd || s.cause() == SkippedRange.Cause.ZERO_FILL
                    || s.cause() == SkippedRange.Cause.CUT_SAMPLE) {
                total -= s.length();
            }
        }
        double share = total <= 0 ? 1 : (double) recognized / total;
        long unexplained = walker.skipped().stream().filter(s -> s.cause() == SkippedRange.Cause.UNRECOGNIZED
                || s.cause() == SkippedRange.Cause.GAVE_UP).mapToLong(SkippedRange::length).sum();
        // Without a picture, the only excuse is that the media holds none whole: little else may be unexplained.
        boolean noPicture = !anyVideo && missingVideo != null
                && unexplained > MIN_RECOGNIZED * (layout.end() - layout.start());
        if (recognized == 0 || noPicture) {
            throw new ReferenceMismatchException("no " + (missingVideo == null ? "sample" : missingVideo + " picture")
                    + " of the reference's streams found in " + broken + " (" + recognized + " of " + total
                    + " media bytes recognized): the reference was made with another codec or other settings");
        }
        if (share < MIN_RECOGNIZED) {
            warnings.add(String.format(java.util.Locale.ROOT, "only %.1f %% of the media data (%d of %d bytes) looks"
                    + " like the reference's tracks: the reference may have been made with other settings", 100 * share,
                    recognized, total));
        }
        if (!anyVideo && missingVideo != null) {
            warnings.add("no " + missingVideo + " picture is whole in the media data: only the other tracks came back");
        }
    }

}

package dev.bmff.recover;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.table.SampleTableBuilder;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.recover.match.MediaWindow;
import dev.bmff.recover.model.ModelLearner;
import dev.bmff.recover.model.ReferenceModel;
import dev.bmff.recover.model.TrackModel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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
 * The inputs are only read (unless {@link RepairOptions#inPlace()} allows repairing the broken file itself: the
 * finish of a hybrid file, or a rebuilt moov appended, undone with {@link #undo}); the
 * output appears atomically, or not at all. The {@link RepairReport} says which case was found and what was
 * dropped.
 *
 * <pre>{@code
 * RepairReport report = Recovery.repair(Path.of("good.mp4"), Path.of("crashed.mp4"), Path.of("fixed.mp4"));
 * RepairReport cut = Recovery.repair(Path.of("killed-fragmented.mp4"), Path.of("fixed.mp4"));
 * System.out.println(report.kind() + "\n" + report);
 * }</pre>
 */
public final class Recovery {
    /** Below this share of recognized media data the reference is taken not to match the broken file. */
    private static final double MIN_RECOGNIZED = 0.10;

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
     * @throws ReferenceRequiredException when the file has no moov or no complete sample: only a repair with
     *     a reference can help
     */
    public static RepairReport repair(Path broken, Path out, RepairOptions options) throws IOException {
        checkOutput(out, broken);
        java.util.Optional<LayoutRepair> other = LayoutRepair.find(broken);
        if (other.isPresent()) {
            throw new ReferenceRequiredException(broken + " is " + other.get().layoutName() + ": repair it with a"
                    + " reference recording made with the same settings");
        }
        ReadResult file = BoxReader.read(broken, ReadOptions.lenient());
        IndexedRepair indexed = IndexedRepair.of(file);
        if (indexed == null) {
            throw new ReferenceRequiredException(broken + " has no moov (its index was never written): repair it"
                    + " with a reference recording made with the same settings");
        }
        if (indexed.keptSamples() == 0) {
            throw new ReferenceRequiredException(broken + " has a moov but no complete sample (" + indexed.survey()
                    .kind() + "): repair it with a reference recording made with the same settings");
        }
        return repairIndexed(file, indexed, broken, out, options);
    }

    private static RepairReport repairIndexed(ReadResult file, IndexedRepair indexed, Path broken, Path out,
            RepairOptions options) throws IOException {
        FileSurvey survey = indexed.survey();
        if (options.inPlace() && survey.finalizeNeedsOnlyHeaders(file.fileSize()) && HybridFinish.matches(file,
                indexed)) {
            return HybridFinish.finish(broken, indexed);
        }
        // Here the long part is the copy of the media data: the progress counts its bytes.
        try (FileChannel in = FileChannel.open(broken, StandardOpenOption.READ)) {
            return survey.fragmented() && options.layout() == RepairOptions.Layout.FRAGMENTED
                    ? indexed.writeFragmentedPrefix(in, out, options.progress())
                    : indexed.writeStandard(in, out, options.progress());
        }
    }

    private static void checkOutput(Path out, Path... inputs) throws IOException {
        for (Path in : inputs) {
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
                    || (Files.exists(out) && Files.isSameFile(out, in))) {
                throw new RepairException("the output must be a new file, not one of the inputs: " + out);
            }
        }
    }

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
        java.util.Optional<LayoutRepair> other = LayoutRepair.find(broken);
        if (other.isPresent()) {
            return other.get().repair(reference, broken, out, options);
        }
        ReadResult file = BoxReader.read(broken, ReadOptions.lenient());
        IndexedRepair indexed = IndexedRepair.of(file);
        if (indexed != null && indexed.keptSamples() > 0) {
            return repairIndexed(file, indexed, broken, out, options);
        }
        ReferenceModel model = ModelLearner.learn(reference);
        try (FileChannel in = FileChannel.open(broken, StandardOpenOption.READ)) {
            MediaLayout layout = MediaLayout.find(in);
            if (layout.end() <= layout.start()) {
                throw new RepairException(broken + " has no media data (" + layout.note() + ")");
            }
            MediaWalker walker = new MediaWalker(new MediaWindow(in, layout.start(), layout.end()), model.tracks(),
                    options);
            walker.walk();
            check(model, walker, layout, broken);
            if (options.inPlace()) {
                long[] header = InPlaceRepair.header(layout, in.size());
                if (header != null) {
                    Built built = build(model, walker, 0);
                    InPlaceRepair.apply(broken, header, built.moov());
                    built.warnings().add("repaired in place: moov appended at " + layout.end() + ", " + header[1]
                            + "-byte mdat header written at " + header[0] + "; the overwritten bytes and the old"
                            + " length are in " + InPlaceRepair.undoFile(broken).getFileName() + " (Recovery.undo)");
                    return new RepairReport(RepairKind.MOOV_REBUILT_IN_PLACE, layout.start(),
                            layout.end() - layout.start(), built.reports(), walker.skipped(), built.warnings());
                }
            }
            RepairReport report = write(model, walker, layout, in, out);
            if (options.inPlace()) {
                List<String> warnings = new ArrayList<>(report.warnings());
                warnings.add("not repaired in place: " + (layout.header() < 0 ? "the file has no mdat header"
                        : "the media data passes 4 GiB and there are no 8 spare bytes before the mdat header for a"
                        + " 64-bit size") + "; a new file was written");
                report = new RepairReport(report.kind(), report.mediaOffset(), report.mediaLength(), report.tracks(),
                        report.skipped(), warnings);
            }
            return report;
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

    private static void check(ReferenceModel model, MediaWalker walker, MediaLayout layout, Path broken)
            throws ReferenceMismatchException {
        long recognized = 0;
        TrackModel videoMissing = null;
        boolean videoFound = false;
        for (int i = 0; i < model.tracks().size(); i++) {
            TrackModel t = model.tracks().get(i);
            RecoveredTrack r = walker.found().get(i);
            recognized += r.bytes();
            if (t.isVideo() && r.count() == 0 && videoMissing == null) {
                videoMissing = t;
            }
            videoFound |= t.isVideo() && r.count() > 0;
        }
        // A second video track may have no picture in a cut file (a motion photo's still comes last); none at all
        // says the reference does not fit.
        if (videoMissing != null && !videoFound) {
            throw new ReferenceMismatchException("no " + videoMissing.format() + " picture of the reference's stream"
                    + " found in " + broken + ": the reference was made with another codec or other settings");
        }
        long total = layout.end() - layout.start();
        // Damage between recognized samples (garbage spliced in, zeroed sectors) says nothing about the reference.
        long lastEnd = walker.found().stream().mapToLong(RecoveredTrack::end).max().orElse(-1);
        for (SkippedRange s : walker.skipped()) {
            if (s.end() <= lastEnd) {
                total -= s.length();
            }
        }
        if (recognized < MIN_RECOGNIZED * total) {
            throw new ReferenceMismatchException("only " + recognized + " of " + total + " media bytes of " + broken
                    + " look like the reference's tracks: the reference was made with other settings");
        }
    }

    /**
     * Encoders pad the last audio frame; the reference's muxer trimmed that padding in the edit list, which the data
     * alone cannot tell. An audio edit that ends less than one audio frame after the video ends is cut at the video's
     * end, as a recorder that stopped both at once wrote it.
     */
    private static void trimAudioPadding(List<TrackSpec> specs, ReferenceModel model) {
        long videoEnd = 0;
        for (TrackSpec s : specs) {
            if (s.isVideo() && s.editList() != null && !s.editList().isEmpty()) {
                videoEnd = Math.max(videoEnd, s.editList().stream().mapToLong(e -> e.segmentDuration()).sum());
            }
        }
        if (videoEnd == 0) {
            return;
        }
        for (int i = 0; i < specs.size(); i++) {
            TrackSpec s = specs.get(i);
            if (!s.isAudio() || s.editList() == null || s.editList().isEmpty()) {
                continue;
            }
            List<dev.bmff.core.box.EditListBox.Entry> edits = new ArrayList<>(s.editList());
            long end = edits.stream().mapToLong(e -> e.segmentDuration()).sum();
            long frame = model.tracks().stream().filter(t -> t.sampleEntry().equals(s.sampleEntry()))
                    .mapToLong(t -> Math.round(t.sampleDuration() * (double) MovieBuilder.MOVIE_TIMESCALE
                            / t.timescale())).findFirst().orElse(0);
            dev.bmff.core.box.EditListBox.Entry last = edits.get(edits.size() - 1);
            if (end > videoEnd && end - videoEnd <= frame && last.mediaTime() >= 0) {
                edits.set(edits.size() - 1, new dev.bmff.core.box.EditListBox.Entry(
                        last.segmentDuration() - (end - videoEnd), last.mediaTime(), last.mediaRateInteger(),
                        last.mediaRateFraction()));
                specs.set(i, s.withEditList(edits));
            }
        }
    }

    record Built(MovieBox moov, List<TrackReport> reports, List<String> warnings) {
    }

    private static Built build(ReferenceModel model, MediaWalker walker, long shift) {
        return build(model, walker.found(), shift, List.of());
    }

    /**
     * The moov for the found samples, whose offsets move by {@code shift} in the written file; {@code extra} tracks
     * (already timed, offsets in the broken file) follow the modelled ones.
     */
    static Built build(ReferenceModel model, List<RecoveredTrack> found, long shift, List<RebuiltMovie.Extra> extra) {
        List<TrackSpec> specs = new ArrayList<>();
        List<MovieBuilder.TrackMedia> media = new ArrayList<>();
        List<TrackReport> reports = new ArrayList<>();
        List<String> warnings = new ArrayList<>(model.warnings());
        for (int i = 0; i < model.tracks().size(); i++) {
            TrackModel t = model.tracks().get(i);
            RecoveredTrack r = found.get(i);
            if (r.count() == 0) {
                warnings.add("reference track " + t.referenceTrackId() + " (" + t.format()
                        + "): no sample found, the track is left out");
                continue;
            }
            TableAssembler.Assembled a = TableAssembler.assemble(t, r, shift);
            specs.add(a.spec());
            media.add(a.media());
            long samples = a.media().tables().sampleCount();
            reports.add(new TrackReport(specs.size(), t.referenceTrackId(), t.format().toString(), samples,
                    a.keyframes(), r.bytes(), (double) a.media().tables().totalDuration() / t.timescale()));
        }
        for (RebuiltMovie.Extra e : extra) {
            SampleTableBuilder tables = e.tables();
            tables.shiftChunkOffsets(shift);
            specs.add(e.spec());
            media.add(new MovieBuilder.TrackMedia(tables, 0));
            reports.add(new TrackReport(specs.size(), e.referenceTrackId(), e.spec().sampleEntry().type().toString(),
                    tables.sampleCount(), tables.sampleCount(), tables.totalBytes(),
                    (double) tables.totalDuration() / e.spec().timescale()));
        }
        trimAudioPadding(specs, model);
        return new Built(MovieBuilder.standard(specs, media), reports, warnings);
    }

    private static RepairReport write(ReferenceModel model, MediaWalker walker, MediaLayout layout, FileChannel in,
            Path out) throws IOException {
        List<Box> head = new ArrayList<>();
        if (model.fileType() != null) {
            head.add(model.fileType());
        }
        long copyEnd = layout.start();
        for (RecoveredTrack r : walker.found()) {
            copyEnd = Math.max(copyEnd, r.end());
        }
        long mediaLength = copyEnd - layout.start();
        long dataStart = head.stream().mapToLong(BoxWriter::sizeOf).sum() + OutputFile.mdatHeaderSize(mediaLength);
        Built built = build(model, walker, dataStart - layout.start());
        built.warnings().add(0, layout.note());
        OutputFile.write(out, head, in, layout.start(), mediaLength, built.moov());
        return new RepairReport(RepairKind.MOOV_REBUILT_FROM_REFERENCE, layout.start(), layout.end() - layout.start(),
                built.reports(), walker.skipped(), built.warnings());
    }
}

package dev.bmff.recover;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxWriter;
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
 * Repairs a recording whose index (moov) was never written: a crashed camera, a pulled card, a killed ffmpeg.
 * A reference recording made with the same settings teaches how each track's samples look and are timed; the broken
 * file's media data is walked sample by sample, and a new file is written with the reference's ftyp, the media
 * data and a new moov. The inputs are only read; the output appears atomically, or not at all.
 *
 * <pre>{@code
 * RepairReport report = Recovery.repair(Path.of("good.mp4"), Path.of("crashed.mp4"), Path.of("fixed.mp4"));
 * System.out.println(report);
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

    /**
     * Repairs {@code broken} into {@code out}.
     *
     * @param reference a complete recording made with the same settings (codec, parameter sets, rates)
     * @param broken the recording without a usable moov (mdat size 0, 8, wrong or past the end, or raw media)
     * @param out the repaired file; replaced if it exists
     * @return what was recovered and skipped
     * @throws UnusableReferenceException when the reference cannot be modelled
     * @throws ReferenceMismatchException when the broken file's media does not match the reference
     */
    public static RepairReport repair(Path reference, Path broken, Path out, RepairOptions options)
            throws IOException {
        if (Files.isSameFile(reference, broken) || (Files.exists(out) && (Files.isSameFile(out, broken)
                || Files.isSameFile(out, reference)))) {
            throw new RepairException("the output must be a new file, not one of the inputs: " + out);
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
            return write(model, walker, layout, in, out);
        }
    }

    private static void check(ReferenceModel model, MediaWalker walker, MediaLayout layout, Path broken)
            throws ReferenceMismatchException {
        long recognized = 0;
        for (int i = 0; i < model.tracks().size(); i++) {
            TrackModel t = model.tracks().get(i);
            RecoveredTrack r = walker.found().get(i);
            recognized += r.bytes();
            if (t.isVideo() && r.count() == 0) {
                throw new ReferenceMismatchException("no " + t.format() + " picture of the reference's stream found in "
                        + broken + ": the reference was made with another codec or other settings");
            }
        }
        long total = layout.end() - layout.start();
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
        long shift = dataStart - layout.start();

        List<TrackSpec> specs = new ArrayList<>();
        List<MovieBuilder.TrackMedia> media = new ArrayList<>();
        List<TrackReport> reports = new ArrayList<>();
        List<String> warnings = new ArrayList<>(model.warnings());
        warnings.add(0, layout.note());
        for (int i = 0; i < model.tracks().size(); i++) {
            TrackModel t = model.tracks().get(i);
            RecoveredTrack r = walker.found().get(i);
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
        trimAudioPadding(specs, model);
        MovieBox moov = MovieBuilder.standard(specs, media);
        OutputFile.write(out, head, in, layout.start(), mediaLength, moov);
        return new RepairReport(layout.start(), layout.end() - layout.start(), reports, walker.skipped(), warnings);
    }
}

package dev.bmff.recover;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.table.SampleTableBuilder;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.recover.match.Match;
import dev.bmff.recover.model.ReferenceModel;
import dev.bmff.recover.model.TrackModel;
import dev.bmff.recover.output.EarlyOutput;
import dev.bmff.recover.output.OutputFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A repaired file assembled from samples found in a broken file, by recovery's media walk or by another parser
 * (bmff-rsv's GOP parser): the reference's ftyp, one mdat with the broken file's bytes from the media start to the
 * end of the last sample (copied by the channel, never through the heap), and a moov from the shared sample-table
 * builder, timed like the reference (video composition offsets from the picture order counts the matchers
 * computed) and keeping every other box of the reference's moov ({@link ReferenceMovieBoxes}); written to a
 * temporary file and renamed into place. The one place where a moov is rebuilt from a reference.
 *
 * <pre>{@code
 * RebuiltMovie movie = new RebuiltMovie(ModelLearner.learn(reference));
 * movie.add(0, frameOffset, videoMatcher.commit(candidate), true);     // track 0 of the model: video
 * movie.add(1, audioOffset, new Match(bytes, true, bytes / 4, 0, 0, null), true);   // a PCM chunk
 * RepairReport r = movie.write(channel, 0, Path.of("fixed.mp4"), RepairKind.RSV_REBUILT_FROM_REFERENCE,
 *         List.of(), List.of());
 * }</pre>
 */
public final class RebuiltMovie {
    /** A track recovery does not model (timed metadata), timed by its finder; offsets are in the broken file. */
    record Extra(TrackSpec spec, SampleTableBuilder tables, long referenceTrackId, long end) {
    }

    private final ReferenceModel model;
    private final List<RecoveredTrack> found;
    private final List<Extra> extra = new ArrayList<>();
    private boolean built;

    public RebuiltMovie(ReferenceModel model) {
        this(model, emptyTracks(model.tracks().size()));
    }

    private static List<RecoveredTrack> emptyTracks(int n) {
        List<RecoveredTrack> tracks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tracks.add(new RecoveredTrack());
        }
        return tracks;
    }

    /** A movie of the samples a walk found, one list per model track. */
    RebuiltMovie(ReferenceModel model, List<RecoveredTrack> found) {
        if (found.size() != model.tracks().size()) {
            throw new IllegalArgumentException(found.size() + " found tracks for " + model.tracks().size());
        }
        this.model = model;
        this.found = found;
    }

    /**
     * Adds a sample of the model's track {@code track}, in decode order.
     *
     * @param offset where the sample starts in the broken file
     * @param match a video picture as its matcher committed it (length, sync, picture order), or a PCM chunk
     *     ({@code frames} PCM frames, {@code length} bytes)
     * @param chunkStart true when the sample does not directly follow the track's previous one
     */
    public void add(int track, long offset, Match match, boolean chunkStart) {
        found.get(track).add(offset, match, chunkStart);
    }

    /** Samples added to the model's track {@code track} (PCM: chunks). */
    public int count(int track) {
        return found.get(track).count();
    }

    /**
     * Adds a track recovery does not model, written after the model's tracks.
     *
     * @param spec its handler, timescale, sample entry, language, edit list
     * @param tables its samples, chunk offsets in the broken file
     * @param referenceTrackId the reference track it was modelled on
     * @param end where its last sample ends in the broken file
     */
    public void addTrack(TrackSpec spec, SampleTableBuilder tables, long referenceTrackId, long end) {
        if (tables.sampleCount() == 0) {
            throw new IllegalArgumentException("an added track needs samples");
        }
        extra.add(new Extra(spec, tables, referenceTrackId, end));
    }

    /** The end of the last sample of any track in the broken file, or -1 when there is none. */
    public long end() {
        long end = -1;
        for (RecoveredTrack r : found) {
            end = Math.max(end, r.end());
        }
        for (Extra e : extra) {
            end = Math.max(end, e.end());
        }
        return end;
    }

    /**
     * Writes the repaired file; once only.
     *
     * @param source the broken file, only read
     * @param mediaStart the first byte of {@code source} copied into the mdat (no sample starts before it)
     * @param out the repaired file, replaced if it exists; appears whole or not at all
     * @param kind what the report says was repaired
     * @param skipped byte ranges of the broken file no sample explains, for the report
     * @param warnings for the report, after the reference's own
     */
    public RepairReport write(FileChannel source, long mediaStart, Path out, RepairKind kind,
            List<SkippedRange> skipped, List<String> warnings) throws IOException {
        long mediaLength = mediaLength(mediaStart);
        List<Box> head = head();
        long dataStart = head.stream().mapToLong(BoxWriter::sizeOf).sum() + OutputFile.mdatHeaderSize(mediaLength);
        Built built = build(dataStart - mediaStart);
        built.warnings().addAll(warnings);
        OutputFile.write(out, head, source, mediaStart, mediaLength, built.moov());
        return new RepairReport(kind, mediaStart, mediaLength, built.reports(), skipped, built.warnings());
    }

    /**
     * As {@link #write(FileChannel, long, Path, RepairKind, List, List)}, into an output whose media copy from
     * {@code mediaStart} started before the samples were known, with {@link #head()} in front.
     */
    RepairReport write(EarlyOutput output, long mediaStart, RepairKind kind, List<SkippedRange> skipped,
            List<String> warnings) throws IOException {
        long mediaLength = mediaLength(mediaStart);
        Built built = build(output.dataStart() - mediaStart);
        built.warnings().addAll(warnings);
        output.finish(mediaLength, built.moov());
        return new RepairReport(kind, mediaStart, mediaLength, built.reports(), skipped, built.warnings());
    }

    /** The boxes before the mdat: the reference's ftyp, when it has one. */
    List<Box> head() {
        return head(model.fileType());
    }

    static List<Box> head(FileTypeBox fileType) {
        return fileType == null ? List.of() : List.of(fileType);
    }

    private long mediaLength(long mediaStart) throws RepairException {
        long end = end();
        if (end <= mediaStart) {
            throw new RepairException("no sample to write");
        }
        return end - mediaStart;
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
            List<EditListBox.Entry> edits = new ArrayList<>(s.editList());
            long end = edits.stream().mapToLong(e -> e.segmentDuration()).sum();
            long frame = model.tracks().stream().filter(t -> t.sampleEntry().equals(s.sampleEntry()))
                    .mapToLong(t -> Math.round(t.sampleDuration() * (double) MovieBuilder.MOVIE_TIMESCALE
                            / t.timescale())).findFirst().orElse(0);
            EditListBox.Entry last = edits.get(edits.size() - 1);
            if (end > videoEnd && end - videoEnd <= frame && last.mediaTime() >= 0) {
                edits.set(edits.size() - 1, new EditListBox.Entry(
                        last.segmentDuration() - (end - videoEnd), last.mediaTime(), last.mediaRateInteger(),
                        last.mediaRateFraction()));
                specs.set(i, s.withEditList(edits));
            }
        }
    }

    /** A rebuilt moov with what the report says of each track, and the warnings so far (to be added to). */
    record Built(MovieBox moov, List<TrackReport> reports, List<String> warnings) {
    }

    /**
     * The moov for the samples added, whose offsets move by {@code shift} in the written file (0 when the moov is
     * appended to the broken file itself); the added tracks (already timed, offsets in the broken file) follow the
     * modelled ones. Once only: the added tracks' offsets are moved.
     */
    Built build(long shift) {
        if (built) {
            throw new IllegalStateException("a rebuilt movie is built once");
        }
        built = true;
        List<TrackSpec> specs = new ArrayList<>();
        List<MovieBuilder.TrackMedia> media = new ArrayList<>();
        List<TrackReport> reports = new ArrayList<>();
        List<Long> referenceIds = new ArrayList<>();
        List<String> warnings = new ArrayList<>(model.warnings());
        // Tracks spanning the movie (a timecode) last as long as the others: those are assembled first.
        double movieSeconds = 0;
        TableAssembler.Assembled[] assembled = new TableAssembler.Assembled[model.tracks().size()];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < model.tracks().size(); i++) {
                TrackModel t = model.tracks().get(i);
                if (found.get(i).count() > 0 && t.spansMovie() == (pass == 1)) {
                    assembled[i] = TableAssembler.assemble(t, found.get(i), shift, movieSeconds);
                    movieSeconds = Math.max(movieSeconds,
                            (double) assembled[i].media().tables().totalDuration() / t.timescale());
                }
            }
        }
        for (int i = 0; i < model.tracks().size(); i++) {
            TrackModel t = model.tracks().get(i);
            RecoveredTrack r = found.get(i);
            if (r.count() == 0) {
                warnings.add("reference track " + t.referenceTrackId() + " (" + t.format()
                        + "): no sample found, the track is left out");
                continue;
            }
            TableAssembler.Assembled a = assembled[i];
            specs.add(a.spec());
            media.add(a.media());
            referenceIds.add(t.referenceTrackId());
            long samples = a.media().tables().sampleCount();
            reports.add(new TrackReport(specs.size(), t.referenceTrackId(), t.format().toString(), samples,
                    a.keyframes(), r.bytes(), (double) a.media().tables().totalDuration() / t.timescale()));
        }
        for (Extra e : extra) {
            SampleTableBuilder tables = e.tables();
            tables.shiftChunkOffsets(shift);
            specs.add(e.spec());
            media.add(new MovieBuilder.TrackMedia(tables, 0));
            referenceIds.add(e.referenceTrackId());
            reports.add(new TrackReport(specs.size(), e.referenceTrackId(), e.spec().sampleEntry().type().toString(),
                    tables.sampleCount(), tables.sampleCount(), tables.totalBytes(),
                    (double) tables.totalDuration() / e.spec().timescale()));
        }
        trimAudioPadding(specs, model);
        MovieBox moov = ReferenceMovieBoxes.apply(MovieBuilder.standard(specs, media), model.movie(), referenceIds,
                warnings);
        return new Built(moov, reports, warnings);
    }

}

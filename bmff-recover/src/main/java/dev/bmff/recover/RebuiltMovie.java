package dev.bmff.recover;

import dev.bmff.core.box.Box;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.table.SampleTableBuilder;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.recover.match.Match;
import dev.bmff.recover.model.ReferenceModel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A repaired file assembled from samples another parser found in a broken file (bmff-rsv's GOP parser), written
 * the way {@link Recovery} writes its own: the reference's ftyp, one mdat with the broken file's bytes from the
 * media start to the end of the last sample (copied by the channel, never through the heap), and a moov from the
 * shared sample-table builder, timed like the reference (video composition offsets from the picture order counts
 * the matchers computed); written to a temporary file and renamed into place.
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
    private final List<RecoveredTrack> found = new ArrayList<>();
    private final List<Extra> extra = new ArrayList<>();
    private boolean written;

    public RebuiltMovie(ReferenceModel model) {
        this.model = model;
        for (int i = 0; i < model.tracks().size(); i++) {
            found.add(new RecoveredTrack());
        }
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
        if (written) {
            throw new IllegalStateException("a rebuilt movie is written once");
        }
        written = true;
        long end = end();
        if (end <= mediaStart) {
            throw new RepairException("no sample to write");
        }
        List<Box> head = new ArrayList<>();
        if (model.fileType() != null) {
            head.add(model.fileType());
        }
        long mediaLength = end - mediaStart;
        long dataStart = head.stream().mapToLong(BoxWriter::sizeOf).sum() + OutputFile.mdatHeaderSize(mediaLength);
        Recovery.Built built = Recovery.build(model, found, dataStart - mediaStart, extra);
        built.warnings().addAll(warnings);
        OutputFile.write(out, head, source, mediaStart, mediaLength, built.moov());
        return new RepairReport(kind, mediaStart, mediaLength, built.reports(), skipped, built.warnings());
    }
}

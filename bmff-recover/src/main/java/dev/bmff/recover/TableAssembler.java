package dev.bmff.recover;

import dev.bmff.core.box.EditListBox;
import dev.bmff.core.table.SampleTableBuilder;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.recover.model.CodecModel;
import dev.bmff.recover.model.TrackModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one track's recovered samples into sample tables timed like the reference: constant video frame
 * durations with composition offsets from the picture order count, audio durations from samples per frame, and
 * the reference's edit list.
 */
final class TableAssembler {
    private TableAssembler() {
    }

    /** A track ready for {@link MovieBuilder#standard}. */
    record Assembled(TrackSpec spec, MovieBuilder.TrackMedia media, long keyframes) {
    }

    /**
     * @param offsetShift added to every broken-file offset to get the offset in the repaired file
     * @param movieSeconds how long the repaired movie's other tracks last: the one sample of a track that
     *     {@link TrackModel#spansMovie() spans the movie} lasts that long
     */
    static Assembled assemble(TrackModel model, RecoveredTrack found, long offsetShift, double movieSeconds) {
        SampleTableBuilder tables = new SampleTableBuilder();
        long duration = model.spansMovie() && found.count() == 1
                ? Math.max(1, Math.round(movieSeconds * model.timescale())) : model.sampleDuration();
        int delay = model.reorderDelay();
        long[] presentation = null;
        if (model.isVideo()) {
            presentation = PresentationOrder.ranks(found);
            for (int i = 0; i < found.count(); i++) {
                delay = (int) Math.max(delay, i - presentation[i]);
            }
        }
        long keyframes = 0;
        long presentationEnd = 0;
        for (int i = 0; i < found.count(); i++) {
            if (found.chunkStart(i)) {
                tables.startChunk(found.offset(i) + offsetShift, 1);
            }
            if (model.codec() instanceof CodecModel.Pcm pcm) {
                int frame = pcm.format().bytesPerFrame();
                for (long f = found.length(i) / frame; f > 0; f--) {
                    tables.addSample(frame, 1, 0, true);
                }
                continue;
            }
            int cto = 0;
            if (presentation != null) {
                // Decode times are i * duration; presentation is the POC rank, delayed like the reference.
                cto = Math.toIntExact((presentation[i] - i + delay) * duration);
            }
            tables.addSample(found.length(i), duration, cto, found.sync(i));
            presentationEnd = Math.max(presentationEnd, i * duration + cto + duration);
            keyframes += found.sync(i) ? 1 : 0;
        }
        presentationEnd = Math.max(presentationEnd, tables.totalDuration());
        long extraDelay = (long) (delay - model.reorderDelay()) * duration;
        TrackSpec spec = new TrackSpec(model.handler(), model.timescale(), model.sampleEntry(), model.language(),
                editList(model.editList(), extraDelay, presentationEnd, model.timescale()));
        return new Assembled(spec, new MovieBuilder.TrackMedia(tables, (long) delay * duration),
                model.isVideo() ? keyframes : tables.sampleCount());
    }

    /**
     * The reference's edit list for the recovered duration: empty edits as they are, the last media edit runs to
     * the end of the presentation (the last composition end, which B-frames put after the last decode end), and
     * media times move by {@code extraDelay} if the stream needed more B-frame delay than the reference had.
     */
    private static List<EditListBox.Entry> editList(List<EditListBox.Entry> reference, long extraDelay,
            long presentationEnd, long timescale) {
        int lastMedia = -1;
        for (int i = 0; i < reference.size(); i++) {
            if (reference.get(i).mediaTime() >= 0) {
                lastMedia = i;
            }
        }
        List<EditListBox.Entry> out = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            EditListBox.Entry e = reference.get(i);
            if (e.mediaTime() < 0) {
                out.add(e);
            } else {
                long mediaTime = e.mediaTime() + extraDelay;
                // Explicit (RebuiltMovie trims the audio's padding against the video's end with it), and rounded
                // up as MovieBuilder rounds the media edits it fills in, so no player cuts the last frames.
                long segment = i == lastMedia
                        ? MovieBuilder.editDuration(Math.max(0, presentationEnd - mediaTime), timescale,
                                MovieBuilder.MOVIE_TIMESCALE)
                        : e.segmentDuration();
                out.add(new EditListBox.Entry(segment, mediaTime, e.mediaRateInteger(), e.mediaRateFraction()));
            }
        }
        return out;
    }
}

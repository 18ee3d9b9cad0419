package dev.bmff.core.index;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.TrackBox;
import java.util.BitSet;
import java.util.List;

/**
 * Every sample of one track, in decode order, whether it came from the moov's sample tables or from
 * movie fragments. Held in primitive columns; {@link #sample(int)} makes a {@link IndexedSample} on demand.
 *
 * <pre>{@code
 * for (int i = 0; i < track.sampleCount(); i++) {
 *     if (track.isSync(i)) System.out.println("keyframe at " + track.offset(i));
 * }
 * }</pre>
 */
public final class TrackSamples {
    private final TrackBox trak;
    private final long trackId;
    private final FourCC handlerType;
    private final long timescale;
    private final long movieTimescale;
    private final List<Box> sampleDescriptions;
    private final List<EditListBox.Entry> editList;
    private final SampleColumns c;
    private final BitSet sync;

    TrackSamples(TrackBox trak, long trackId, FourCC handlerType, long timescale, long movieTimescale,
            List<Box> sampleDescriptions, List<EditListBox.Entry> editList, SampleColumns columns) {
        this.trak = trak;
        this.trackId = trackId;
        this.handlerType = handlerType;
        this.timescale = timescale;
        this.movieTimescale = movieTimescale;
        this.sampleDescriptions = List.copyOf(sampleDescriptions);
        this.editList = List.copyOf(editList);
        columns.trim();
        this.c = columns;
        this.sync = (BitSet) columns.sync.clone();
    }

    /** The track box the samples belong to. */
    public TrackBox trackBox() {
        return trak;
    }

    public long trackId() {
        return trackId;
    }

    /** {@code vide}, {@code soun}... */
    public FourCC handlerType() {
        return handlerType;
    }

    /** Units per second of every time of this track. */
    public long timescale() {
        return timescale;
    }

    /** Units per second of the edit list's segment durations. */
    public long movieTimescale() {
        return movieTimescale;
    }

    /** The stsd entries ({@code VisualSampleEntry}, {@code AudioSampleEntry} or raw). */
    public List<Box> sampleDescriptions() {
        return sampleDescriptions;
    }

    /** The edit list, empty when the track has none. */
    public List<EditListBox.Entry> editList() {
        return editList;
    }

    public int sampleCount() {
        return c.count;
    }

    public long offset(int i) {
        check(i);
        return c.offsets[i];
    }

    public long size(int i) {
        check(i);
        return Integer.toUnsignedLong(c.sizes[i]);
    }

    public long dts(int i) {
        check(i);
        return c.dts[i];
    }

    /** Composition time: dts plus the composition offset. */
    public long cts(int i) {
        check(i);
        return c.dts[i] + c.ctsOffsets[i];
    }

    public long duration(int i) {
        check(i);
        return Integer.toUnsignedLong(c.durations[i]);
    }

    public boolean isSync(int i) {
        check(i);
        return sync.get(i);
    }

    public int sampleDescriptionIndex(int i) {
        check(i);
        return c.descriptionIndexes == null ? 1 : c.descriptionIndexes[i];
    }

    /** Sum of the durations. */
    public long totalDuration() {
        return c.count == 0 ? 0 : c.dts[c.count - 1] + duration(c.count - 1) - c.dts[0];
    }

    /** Number of sync samples. */
    public int syncCount() {
        return sync.cardinality();
    }

    /** Sample {@code i} as a value. */
    public IndexedSample sample(int i) {
        return new IndexedSample(i, offset(i), size(i), dts(i), cts(i), duration(i), isSync(i), sampleDescriptionIndex(i));
    }

    private void check(int i) {
        if (i < 0 || i >= c.count) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + c.count);
        }
    }

    @Override
    public String toString() {
        return "TrackSamples[track " + trackId + " " + handlerType + ", " + c.count + " samples, timescale "
                + timescale + "]";
    }
}

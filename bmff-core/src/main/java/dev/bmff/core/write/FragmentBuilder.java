package dev.bmff.core.write;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.box.MovieFragmentHeaderBox;
import dev.bmff.core.box.SampleFlags;
import dev.bmff.core.box.TrackFragmentBox;
import dev.bmff.core.box.TrackFragmentDecodeTimeBox;
import dev.bmff.core.box.TrackFragmentHeaderBox;
import dev.bmff.core.box.TrackRunBox;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.MdatHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the samples of one movie fragment and lays it out as one {@code moof} followed by one
 * {@code mdat} holding each track's data one after another. Every traf is complete on its own (after a
 * crash it is all there is): a tfhd with default-base-is-moof and no base offset, a tfdt, and one trun
 * with the data offset and exact per-sample durations, sizes, flags and composition offsets.
 *
 * <p>Memory is the samples of this one fragment; {@link #clear()} lets them go.
 */
final class FragmentBuilder {
    /** trun data offsets are signed 32-bit: a fragment stays well below that. */
    static final long MAX_BYTES = 1L << 30;

    private final List<List<Sample>> samples = new ArrayList<>();
    private long bytes;
    private int count;

    FragmentBuilder(int tracks) {
        for (int i = 0; i < tracks; i++) {
            samples.add(new ArrayList<>());
        }
    }

    /** Adds a sample whose duration is known. */
    void add(Sample s) {
        if (s.duration() < 0) {
            throw new IllegalArgumentException("a fragment needs every sample's duration");
        }
        samples.get(s.track()).add(s);
        bytes += s.size();
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Sum of the buffered sample sizes. */
    long bytes() {
        return bytes;
    }

    /** The buffered samples of {@code track}, in decode order (read-only). */
    List<Sample> samples(int track) {
        return java.util.Collections.unmodifiableList(samples.get(track));
    }

    void clear() {
        for (List<Sample> l : samples) {
            l.clear();
        }
        bytes = 0;
        count = 0;
    }

    /**
     * One track's run in a laid-out fragment.
     *
     * @param track 0-based track index
     * @param trafNumber 1-based position of its traf in the moof
     * @param dataOffset where its first sample starts, from the start of the moof
     * @param samples the samples, in decode order
     */
    record Run(int track, int trafNumber, long dataOffset, List<Sample> samples) {
    }

    /**
     * A laid-out fragment: {@code header} is the moof followed by the mdat header; the mdat payload is
     * the runs' sample data in run order.
     */
    record Layout(byte[] header, int moofSize, List<Run> runs, long totalSize) {
        /** Every sample of the mdat payload, in run order. */
        List<Sample> samples() {
            List<Sample> out = new ArrayList<>();
            for (Run r : runs) {
                out.addAll(r.samples());
            }
            return out;
        }
    }

    /** Lays the buffered samples out as fragment {@code sequenceNumber}. Does not clear them. */
    Layout layout(long sequenceNumber) {
        // data_offset does not change the moof's size: encode once to learn it, then with the offsets.
        int moofSize = BoxWriter.toBytes(moof(sequenceNumber, 0, 0)).length;
        int mdatHeader = MdatHeader.sizeFor(bytes);
        MovieFragmentBox moof = moof(sequenceNumber, moofSize, mdatHeader);
        byte[] moofBytes = BoxWriter.toBytes(moof);
        if (moofBytes.length != moofSize) {
            throw new IllegalStateException("moof size changed with its data offsets");
        }
        ByteBuffer header = ByteBuffer.allocate(moofSize + mdatHeader);
        header.put(moofBytes);
        header.put(MdatHeader.forPayload(bytes));
        List<Run> runs = new ArrayList<>();
        long offset = moofSize + mdatHeader;
        int traf = 0;
        for (int t = 0; t < samples.size(); t++) {
            List<Sample> list = samples.get(t);
            if (list.isEmpty()) {
                continue;
            }
            runs.add(new Run(t, ++traf, offset, List.copyOf(list)));
            for (Sample s : list) {
                offset += s.size();
            }
        }
        return new Layout(header.array(), moofSize, runs, offset);
    }

    private MovieFragmentBox moof(long sequenceNumber, int moofSize, int mdatHeader) {
        List<Box> children = new ArrayList<>();
        children.add(new MovieFragmentHeaderBox(0, 0, sequenceNumber));
        long offset = (long) moofSize + mdatHeader;
        for (int t = 0; t < samples.size(); t++) {
            List<Sample> list = samples.get(t);
            if (list.isEmpty()) {
                continue;
            }
            children.add(traf(t + 1L, list, moofSize == 0 ? 0 : Math.toIntExact(offset)));
            for (Sample s : list) {
                offset += s.size();
            }
        }
        return new MovieFragmentBox(children);
    }

    private static TrackFragmentBox traf(long trackId, List<Sample> list, int dataOffset) {
        int n = list.size();
        long[] durations = new long[n];
        long[] sizes = new long[n];
        long[] flags = new long[n];
        long[] offsets = new long[n];
        boolean anyOffset = false;
        boolean negative = false;
        for (int i = 0; i < n; i++) {
            Sample s = list.get(i);
            durations[i] = s.duration();
            sizes[i] = s.size();
            flags[i] = s.sync() ? SampleFlags.SYNC_SAMPLE : SampleFlags.NON_SYNC_SAMPLE;
            offsets[i] = s.compositionOffset();
            anyOffset |= offsets[i] != 0;
            negative |= offsets[i] < 0;
        }
        // Flags: one default in tfhd when the samples after the first agree (the usual GOP: a keyframe
        // then non-keyframes, or audio where all are sync); per-sample flags otherwise.
        boolean restAgree = true;
        for (int i = 2; i < n && restAgree; i++) {
            restAgree = flags[i] == flags[1];
        }
        int tfhdFlags = TrackFragmentHeaderBox.DEFAULT_BASE_IS_MOOF;
        long defaultFlags = 0;
        int trunFlags = TrackRunBox.DATA_OFFSET_PRESENT | TrackRunBox.DURATION_PRESENT | TrackRunBox.SIZE_PRESENT;
        long firstFlags = 0;
        LongArray flagColumn = LongArray.EMPTY;
        if (restAgree) {
            tfhdFlags |= TrackFragmentHeaderBox.DEFAULT_SAMPLE_FLAGS_PRESENT;
            defaultFlags = n > 1 ? flags[1] : flags[0];
            if (flags[0] != defaultFlags) {
                trunFlags |= TrackRunBox.FIRST_SAMPLE_FLAGS_PRESENT;
                firstFlags = flags[0];
            }
        } else {
            trunFlags |= TrackRunBox.FLAGS_PRESENT;
            flagColumn = LongArray.wrapOwned(flags);
        }
        LongArray offsetColumn = LongArray.EMPTY;
        if (anyOffset) {
            trunFlags |= TrackRunBox.COMPOSITION_OFFSET_PRESENT;
            offsetColumn = LongArray.wrapOwned(offsets);
        }
        TrackRunBox trun = new TrackRunBox(negative ? 1 : 0, trunFlags, n, dataOffset, firstFlags,
                LongArray.wrapOwned(durations), LongArray.wrapOwned(sizes), flagColumn, offsetColumn);
        TrackFragmentHeaderBox tfhd = new TrackFragmentHeaderBox(0, tfhdFlags, trackId, 0, 0, 0, 0, defaultFlags);
        return new TrackFragmentBox(List.of(tfhd, TrackFragmentDecodeTimeBox.of(list.get(0).dts()), trun));
    }
}

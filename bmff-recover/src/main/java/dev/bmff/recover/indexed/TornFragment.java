package dev.bmff.recover.indexed;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.box.MovieFragmentHeaderBox;
import dev.bmff.core.box.SampleFlags;
import dev.bmff.core.box.TrackFragmentBox;
import dev.bmff.core.box.TrackFragmentDecodeTimeBox;
import dev.bmff.core.box.TrackFragmentHeaderBox;
import dev.bmff.core.box.TrackRunBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.MdatHeader;
import dev.bmff.recover.SkippedRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The last fragment of a cut fragmented file when its moof is whole and its mdat cut short: per track, which of the
 * samples the moof describes are kept (in decode order, up to the first whose bytes are not all present, so a
 * picture is never kept after a missing one), what was dropped, and, for the fragmented layout, a moof and mdat
 * that hold exactly the kept ones.
 */
final class TornFragment {
    /** One track's part of the torn fragment. */
    record Part(TrackSamples track, int first, int kept, long described) {
        /** How many of the samples the moof describes were dropped. */
        long dropped() {
            return described - (kept - first);
        }
    }

    private final BoxNode moof;
    private final long fileSize;
    private final List<Part> parts;

    private TornFragment(BoxNode moof, long fileSize, List<Part> parts) {
        this.moof = moof;
        this.fileSize = fileSize;
        this.parts = parts;
    }

    /**
     * @param kept per track of {@code index}, how many samples the repair keeps (a prefix in decode order)
     */
    static TornFragment of(BoxNode moof, long fileSize, SampleIndex index, List<Integer> kept) {
        List<Part> parts = new ArrayList<>();
        long moofOffset = moof.header().offset();
        for (int k = 0; k < index.tracks().size(); k++) {
            TrackSamples t = index.tracks().get(k);
            long described = 0;
            for (Box b : ((MovieFragmentBox) moof.box()).children()) {
                if (b instanceof TrackFragmentBox traf && traf.first(TrackFragmentHeaderBox.class)
                        .filter(h -> h.trackId() == t.trackId()).isPresent()) {
                    for (Box r : traf.children()) {
                        if (r instanceof TrackRunBox trun) {
                            described += trun.sampleCount();
                        }
                    }
                }
            }
            if (described == 0) {
                continue;
            }
            // A fragment's data follows its moof: the samples before it are the complete fragments'.
            int first = t.sampleCount();
            while (first > 0 && t.offset(first - 1) > moofOffset) {
                first--;
            }
            parts.add(new Part(t, first, Math.max(first, kept.get(k)), described));
        }
        return new TornFragment(moof, fileSize, parts);
    }

    List<Part> parts() {
        return parts;
    }

    /** Samples of the torn fragment kept, over all tracks. */
    long keptSamples() {
        return parts.stream().mapToLong(p -> p.kept() - p.first()).sum();
    }

    /**
     * What was dropped, as one range from the end of the last kept sample of the torn fragment (where, the data of
     * each track lying in decode order, the first sample not all there starts) to the end of the file, or from
     * {@code completeEnd} when none of its samples is kept; empty when nothing was dropped. The index holds no
     * sample past the end of the file, so the counts of what was dropped come from the moof's runs.
     */
    List<SkippedRange> dropped(long completeEnd) {
        long droppedSamples = parts.stream().mapToLong(Part::dropped).sum();
        if (droppedSamples == 0 && (keptSamples() > 0 || completeEnd == fileSize)) {
            return List.of();
        }
        long from = completeEnd;
        StringBuilder what = new StringBuilder();
        for (Part p : parts) {
            TrackSamples t = p.track();
            if (p.kept() > p.first()) {
                from = Math.max(from, t.offset(p.kept() - 1) + t.size(p.kept() - 1));
            }
            if (p.dropped() > 0) {
                what.append(what.length() == 0 ? "" : ", ").append("track ").append(t.trackId()).append(" (")
                        .append(t.handlerType()).append(") ").append(p.dropped()).append(" of ")
                        .append(p.described());
            }
        }
        if (keptSamples() == 0) {
            from = completeEnd;
        }
        String rest = from == fileSize ? "" : keptSamples() == 0 ? "; the fragment's bytes are dropped with them"
                : "; the " + (fileSize - from) + " bytes from " + from + " are of a sample cut in the middle";
        return List.of(new SkippedRange(from, fileSize - from, "fragment at " + moof.header().offset()
                + " cut short (moof whole, mdat cut at " + fileSize + "): kept the " + keptSamples()
                + " of its samples whose bytes are all present, dropped " + (what.length() == 0 ? "none" : what)
                + rest));
    }

    /** Where the kept samples' bytes are, as [offset, length] runs in the order {@link #header} lays them out. */
    List<long[]> keptRanges() {
        List<long[]> out = new ArrayList<>();
        for (Part p : parts) {
            for (int i = p.first(); i < p.kept(); i++) {
                long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
                TrackSamples t = p.track();
                if (last != null && last[0] + last[1] == t.offset(i)) {
                    last[1] += t.size(i);
                } else {
                    out.add(new long[] {t.offset(i), t.size(i)});
                }
            }
        }
        return out;
    }

    /**
     * A moof for the kept samples (the original's sequence number; per track a tfhd with default-base-is-moof and
     * the sample description, a tfdt, one trun with every sample's duration, size, sync flag and composition
     * offset) and the header of the mdat after it, whose payload is {@link #keptRanges()} in order.
     */
    byte[] header() {
        long bytes = 0;
        for (long[] r : keptRanges()) {
            bytes += r[1];
        }
        int mdatHeader = MdatHeader.sizeFor(bytes);
        // The data offsets do not change the moof's size: encode once to learn it, then with the offsets.
        int moofSize = BoxWriter.toBytes(moof(0, mdatHeader)).length;
        byte[] moofBytes = BoxWriter.toBytes(moof(moofSize, mdatHeader));
        if (moofBytes.length != moofSize) {
            throw new IllegalStateException("moof size changed with its data offsets");
        }
        ByteBuffer b = ByteBuffer.allocate(moofSize + mdatHeader).put(moofBytes).put(MdatHeader.forPayload(bytes));
        return b.array();
    }

    private MovieFragmentBox moof(int moofSize, int mdatHeader) {
        long sequence = ((MovieFragmentBox) moof.box()).first(MovieFragmentHeaderBox.class)
                .map(MovieFragmentHeaderBox::sequenceNumber).orElse(0L);
        List<Box> children = new ArrayList<>();
        children.add(new MovieFragmentHeaderBox(0, 0, sequence));
        long offset = (long) moofSize + mdatHeader;
        for (Part p : parts) {
            int n = p.kept() - p.first();
            if (n == 0) {
                continue;
            }
            TrackSamples t = p.track();
            long[] durations = new long[n];
            long[] sizes = new long[n];
            long[] flags = new long[n];
            long[] cto = new long[n];
            boolean anyCto = false;
            boolean negative = false;
            for (int i = 0; i < n; i++) {
                int s = p.first() + i;
                durations[i] = t.duration(s);
                sizes[i] = t.size(s);
                flags[i] = t.isSync(s) ? SampleFlags.SYNC_SAMPLE : SampleFlags.NON_SYNC_SAMPLE;
                cto[i] = t.cts(s) - t.dts(s);
                anyCto |= cto[i] != 0;
                negative |= cto[i] < 0;
            }
            int trunFlags = TrackRunBox.DATA_OFFSET_PRESENT | TrackRunBox.DURATION_PRESENT | TrackRunBox.SIZE_PRESENT
                    | TrackRunBox.FLAGS_PRESENT | (anyCto ? TrackRunBox.COMPOSITION_OFFSET_PRESENT : 0);
            TrackRunBox trun = new TrackRunBox(negative ? 1 : 0, trunFlags, n, moofSize == 0 ? 0
                    : Math.toIntExact(offset), 0, LongArray.wrapOwned(durations), LongArray.wrapOwned(sizes),
                    LongArray.wrapOwned(flags), anyCto ? LongArray.wrapOwned(cto) : LongArray.EMPTY);
            TrackFragmentHeaderBox tfhd = new TrackFragmentHeaderBox(0, TrackFragmentHeaderBox.DEFAULT_BASE_IS_MOOF
                    | TrackFragmentHeaderBox.SAMPLE_DESCRIPTION_INDEX_PRESENT, t.trackId(), 0,
                    t.sampleDescriptionIndex(p.first()), 0, 0, 0);
            children.add(new TrackFragmentBox(List.of(tfhd, TrackFragmentDecodeTimeBox.of(t.dts(p.first())),
                    trun)));
            for (long size : sizes) {
                offset += size;
            }
        }
        return new MovieFragmentBox(children);
    }
}

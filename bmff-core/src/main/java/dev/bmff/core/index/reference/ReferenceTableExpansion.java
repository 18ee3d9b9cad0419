package dev.bmff.core.index.reference;

import dev.bmff.core.box.ChunkOffsets;
import dev.bmff.core.box.CompactSampleSizeBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.index.IndexedSample;
import dev.bmff.core.index.SampleIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The obviously correct twin of the single-pass table expansion {@link SampleIndex} uses: each table is
 * expanded on its own into one value per sample (or per chunk), then the columns are zipped. Slow and
 * memory-hungry by design; property tests prove the fast path gives the same samples, and the benchmarks
 * measure the fast path against it. It assumes consistent tables (it does no repair). Not API: its module
 * exports this package to the benchmarks only.
 *
 * <pre>{@code
 * List<IndexedSample> samples = ReferenceTableExpansion.expand(stbl);
 * }</pre>
 */
public final class ReferenceTableExpansion {
    private ReferenceTableExpansion() {
    }

    /** Every sample the tables describe, in decode order. */
    public static List<IndexedSample> expand(SampleTableBox stbl) {
        List<Long> sizes = new ArrayList<>();
        stbl.first(SampleSizeBox.class).ifPresent(stsz -> {
            for (int i = 0; i < stsz.sampleCount(); i++) {
                sizes.add(stsz.size(i));
            }
        });
        stbl.first(CompactSampleSizeBox.class).ifPresent(stz2 -> stz2.entrySizes().stream().forEach(sizes::add));
        int n = sizes.size();

        List<Long> deltas = new ArrayList<>();
        TimeToSampleBox stts = stbl.first(TimeToSampleBox.class).orElseThrow();
        for (int e = 0; e < stts.entryCount(); e++) {
            for (long k = 0; k < stts.sampleCounts().get(e); k++) {
                deltas.add(stts.sampleDeltas().get(e));
            }
        }

        List<Long> offsetsInTime = new ArrayList<>();
        stbl.first(CompositionOffsetBox.class).ifPresent(ctts -> {
            for (int e = 0; e < ctts.entryCount(); e++) {
                for (long k = 0; k < ctts.sampleCounts().get(e); k++) {
                    offsetsInTime.add((long) (int) ctts.sampleOffsets().get(e));
                }
            }
        });

        Set<Long> sync = null;
        if (stbl.first(SyncSampleBox.class).isPresent()) {
            sync = new HashSet<>();
            stbl.first(SyncSampleBox.class).get().sampleNumbers().stream().forEach(sync::add);
        }

        // Chunk number of every sample, and its description index, from stsc run by run.
        SampleToChunkBox stsc = stbl.first(SampleToChunkBox.class).orElseThrow();
        List<Long> chunkOffsets = new ArrayList<>();
        stbl.children().stream().filter(b -> b instanceof ChunkOffsets).findFirst()
                .ifPresent(b -> ((ChunkOffsets) b).offsets().stream().forEach(chunkOffsets::add));
        List<Integer> chunkOfSample = new ArrayList<>();
        List<Integer> descriptionOfSample = new ArrayList<>();
        int entry = -1;
        for (int chunk = 1; chunk <= chunkOffsets.size(); chunk++) {
            // The entry in force is the last whose first_chunk is at or before this chunk.
            while (entry + 1 < stsc.entryCount() && stsc.firstChunks().get(entry + 1) <= chunk) {
                entry++;
            }
            for (long k = 0; k < stsc.samplesPerChunk().get(entry); k++) {
                chunkOfSample.add(chunk);
                descriptionOfSample.add((int) stsc.sampleDescriptionIndexes().get(entry));
            }
        }

        List<IndexedSample> out = new ArrayList<>(n);
        long dts = 0;
        for (int i = 0; i < n; i++) {
            int chunk = chunkOfSample.get(i);
            long offset = chunkOffsets.get(chunk - 1);
            for (int j = i - 1; j >= 0 && chunkOfSample.get(j) == chunk; j--) {
                offset += sizes.get(j);
            }
            long cto = i < offsetsInTime.size() ? offsetsInTime.get(i) : 0;
            out.add(new IndexedSample(i, offset, sizes.get(i), dts, dts + cto, deltas.get(i),
                    sync == null || sync.contains((long) i + 1), descriptionOfSample.get(i)));
            dts += deltas.get(i);
        }
        return out;
    }
}

package dev.bmff.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.index.reference.ReferenceTableExpansion;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The single-pass expansion of the sample tables equals its obviously correct reference twin. */
class TableExpansionProperties {

    @Property(tries = 400)
    void fastExpansion_ofRandomConsistentTables_equalsReference(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3000) int sampleCount) throws Exception {
        SampleTableBox stbl = randomTables(new Random(seed), sampleCount);
        List<IndexedSample> reference = ReferenceTableExpansion.expand(stbl);

        SampleColumns columns = new SampleColumns();
        TableSamples.expand(stbl, null, Long.MAX_VALUE / 4, columns,
                new IndexProblems(false, new ArrayList<>()));
        TrackSamples fast = new TrackSamples(null, 1, new dev.bmff.core.FourCC(0), 1000, 1000, List.of(), List.of(),
                columns);

        assertEquals(reference.size(), fast.sampleCount());
        for (int i = 0; i < reference.size(); i++) {
            assertEquals(reference.get(i), fast.sample(i), "sample " + i);
        }
    }

    /** Consistent tables with runs of every length, constant or varying sizes, and optional ctts/stss. */
    static SampleTableBox randomTables(Random rnd, int n) {
        List<Box> boxes = new ArrayList<>();
        // stts: runs of random length and delta.
        List<Long> counts = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        for (int left = n; left > 0; ) {
            int run = 1 + rnd.nextInt(Math.min(left, rnd.nextBoolean() ? 3 : 500));
            counts.add((long) run);
            deltas.add((long) rnd.nextInt(3000));
            left -= run;
        }
        boxes.add(new TimeToSampleBox(0, 0, longs(counts), longs(deltas)));
        // ctts: often present, signed (version 1) or not.
        if (rnd.nextInt(3) > 0) {
            int version = rnd.nextInt(2);
            List<Long> cc = new ArrayList<>();
            List<Long> co = new ArrayList<>();
            for (int left = n; left > 0; ) {
                int run = 1 + rnd.nextInt(Math.min(left, 4));
                cc.add((long) run);
                co.add((long) (version == 1 ? rnd.nextInt(4000) - 2000 : rnd.nextInt(4000)));
                left -= run;
            }
            boxes.add(new CompositionOffsetBox(version, 0, longs(cc), longs(co)));
        }
        // stss: a random subset, or absent (all sync).
        if (rnd.nextBoolean()) {
            List<Long> sync = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                if (rnd.nextInt(10) == 0 || i == 1) {
                    sync.add((long) i);
                }
            }
            boxes.add(new SyncSampleBox(0, 0, longs(sync)));
        }
        // stsc + co64: chunks of random sample counts (some runs of equal chunks), descriptions 1..3.
        List<Long> first = new ArrayList<>();
        List<Long> per = new ArrayList<>();
        List<Long> sdi = new ArrayList<>();
        List<Long> chunkOffsets = new ArrayList<>();
        long offset = 1000 + rnd.nextInt(1 << 20);
        boolean constant = rnd.nextInt(4) == 0;
        long constantSize = 1 + rnd.nextInt(4096);
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = constant ? constantSize : 1 + rnd.nextInt(20000);
        }
        int sample = 0;
        int chunk = 1;
        while (sample < n) {
            int spc = 1 + rnd.nextInt(Math.min(n - sample, 8));
            int repeat = 1 + rnd.nextInt(4);
            long description = 1 + rnd.nextInt(3);
            first.add((long) chunk);
            per.add((long) spc);
            sdi.add(description);
            for (int r = 0; r < repeat && sample < n; r++) {
                chunkOffsets.add(offset);
                for (int k = 0; k < spc && sample < n; k++) {
                    offset += sizes[sample++];
                }
                offset += rnd.nextInt(50_000); // other tracks' chunks in between
                chunk++;
            }
        }
        boxes.add(new SampleToChunkBox(0, 0, longs(first), longs(per), longs(sdi)));
        boxes.add(constant ? new SampleSizeBox(0, 0, constantSize, n, LongArray.EMPTY)
                : SampleSizeBox.of(LongArray.of(sizes)));
        boxes.add(new ChunkLargeOffsetBox(0, 0, longs(chunkOffsets)));
        return new SampleTableBox(boxes);
    }

    private static LongArray longs(List<Long> values) {
        return LongArray.of(values.stream().mapToLong(Long::longValue).toArray());
    }
}

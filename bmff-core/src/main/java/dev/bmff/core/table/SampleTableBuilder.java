package dev.bmff.core.table;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a track's compact sample tables from a stream of samples and chunk starts: run-length
 * {@code stts}, {@code ctts} only when some offset is not zero (version 1 when one is negative),
 * {@code stss} only when some sample is not sync, run-length {@code stsc}, {@code stsz} (one constant size
 * when all samples have it), and {@code stco}, or {@code co64} when an offset needs 64 bits. Memory is a
 * few primitive arrays: at most about 4 bytes per sample and 8 per chunk, plus the runs. Sizes are kept as
 * runs while runs are long (PCM: millions of equal-size samples cost a few bytes in all) and switch to one
 * entry per sample once they are not; sync samples are kept as runs too (all-sync audio costs nothing).
 *
 * <p>The writers and the recovery share it: whatever fills it, the tables come out the same way.
 *
 * <pre>{@code
 * SampleTableBuilder t = new SampleTableBuilder();
 * t.startChunk(48, 1);
 * t.addSample(3620, 512, 1024, true);
 * t.addSample(1164, 512, 2560, false);
 * List<Box> tables = t.build();   // stts, ctts, stss, stsc, stsz, stco
 * }</pre>
 */
public final class SampleTableBuilder {
    private long[] sttsCounts = new long[8];
    private long[] sttsDeltas = new long[8];
    private int sttsRuns;

    private long[] cttsCounts = new long[8];
    private long[] cttsOffsets = new long[8];
    private int cttsRuns;
    private boolean anyOffset;
    private boolean anyNegativeOffset;

    // Runs of consecutive sync samples: first sample number (1-based) and length.
    private long[] syncRunFirst = new long[8];
    private long[] syncRunLength = new long[8];
    private int syncRuns;
    private long syncCount;

    // Sizes start as runs (size, count); once runs are short on average they become one entry per sample,
    // which is never more than twice the memory of the better of the two.
    private int[] sizeRunValues = new int[8];
    private int[] sizeRunCounts = new int[8];
    private int sizeRuns;
    private int[] sizes;
    private int sampleCount;
    private long totalDuration;
    private long totalBytes;
    private long presentationEnd;

    private long[] chunkOffsets = new long[16];
    private int chunkCount;
    private long[] stscFirst = new long[8];
    private long[] stscPer = new long[8];
    private long[] stscDescription = new long[8];
    private int stscRuns;
    private long samplesInChunk;
    private int chunkDescription;

    /**
     * Starts a new chunk at {@code fileOffset}; the samples added next are stored back to back from there.
     *
     * @param sampleDescriptionIndex 1-based index into the track's stsd
     */
    public void startChunk(long fileOffset, int sampleDescriptionIndex) {
        if (fileOffset < 0) {
            throw new IllegalArgumentException("chunk offset must not be negative: " + fileOffset);
        }
        if (sampleDescriptionIndex < 1) {
            throw new IllegalArgumentException("sample description index is 1-based: " + sampleDescriptionIndex);
        }
        closeChunk();
        if (chunkCount == chunkOffsets.length) {
            chunkOffsets = Arrays.copyOf(chunkOffsets, chunkCount * 2);
        }
        chunkOffsets[chunkCount++] = fileOffset;
        chunkDescription = sampleDescriptionIndex;
        samplesInChunk = 0;
    }

    /**
     * Appends a sample to the current chunk.
     *
     * @param size bytes, up to 2^32 - 1
     * @param duration decode duration in the track's timescale, up to 2^32 - 1
     * @param compositionOffset presentation time minus decode time (may be negative)
     * @param sync true for a sync sample (keyframe)
     */
    public void addSample(long size, long duration, int compositionOffset, boolean sync) {
        if (chunkCount == 0) {
            throw new IllegalStateException("startChunk before the first sample");
        }
        if (size < 0 || size > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sample size must fit in 32 unsigned bits: " + size);
        }
        if (duration < 0 || duration > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sample duration must fit in 32 unsigned bits: " + duration);
        }
        if (sampleCount == Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a track holds at most 2^31 samples");
        }
        // stts: extend the last run or start one.
        if (sttsRuns > 0 && sttsDeltas[sttsRuns - 1] == duration && sttsCounts[sttsRuns - 1] < 0xFFFF_FFFFL) {
            sttsCounts[sttsRuns - 1]++;
        } else {
            if (sttsRuns == sttsCounts.length) {
                sttsCounts = Arrays.copyOf(sttsCounts, sttsRuns * 2);
                sttsDeltas = Arrays.copyOf(sttsDeltas, sttsRuns * 2);
            }
            sttsCounts[sttsRuns] = 1;
            sttsDeltas[sttsRuns++] = duration;
        }
        // ctts: kept from the first sample so it can be dropped at build time when every offset is 0.
        if (cttsRuns > 0 && cttsOffsets[cttsRuns - 1] == compositionOffset
                && cttsCounts[cttsRuns - 1] < 0xFFFF_FFFFL) {
            cttsCounts[cttsRuns - 1]++;
        } else {
            if (cttsRuns == cttsCounts.length) {
                cttsCounts = Arrays.copyOf(cttsCounts, cttsRuns * 2);
                cttsOffsets = Arrays.copyOf(cttsOffsets, cttsRuns * 2);
            }
            cttsCounts[cttsRuns] = 1;
            cttsOffsets[cttsRuns++] = compositionOffset;
        }
        anyOffset |= compositionOffset != 0;
        anyNegativeOffset |= compositionOffset < 0;
        if (sync) {
            addSync(sampleCount + 1L);
        }
        addSize((int) size);
        sampleCount++;
        samplesInChunk++;
        // Where the sample stops being shown: with B-frames the last picture shown is not the last decoded.
        presentationEnd = Math.max(presentationEnd, totalDuration + compositionOffset + duration);
        totalDuration += duration;
        totalBytes += size;
    }

    private void addSync(long number) {
        syncCount++;
        if (syncRuns > 0 && syncRunFirst[syncRuns - 1] + syncRunLength[syncRuns - 1] == number) {
            syncRunLength[syncRuns - 1]++;
            return;
        }
        if (syncRuns == syncRunFirst.length) {
            syncRunFirst = Arrays.copyOf(syncRunFirst, syncRuns * 2);
            syncRunLength = Arrays.copyOf(syncRunLength, syncRuns * 2);
        }
        syncRunFirst[syncRuns] = number;
        syncRunLength[syncRuns++] = 1;
    }

    /** Records the size of sample {@code sampleCount} (not yet counted). */
    private void addSize(int size) {
        if (sizes != null) {
            if (sampleCount == sizes.length) {
                sizes = Arrays.copyOf(sizes, sampleCount * 2);
            }
            sizes[sampleCount] = size;
            return;
        }
        if (sizeRuns > 0 && sizeRunValues[sizeRuns - 1] == size) {
            sizeRunCounts[sizeRuns - 1]++;
            return;
        }
        // A run costs 8 bytes, a per-sample entry 4: runs shorter than 2 on average are the worse choice.
        if (sizeRuns >= 32 && (long) sizeRuns * 2 > sampleCount) {
            sizes = new int[Math.max(64, sampleCount * 2)];
            int k = 0;
            for (int r = 0; r < sizeRuns; r++) {
                Arrays.fill(sizes, k, k + sizeRunCounts[r], sizeRunValues[r]);
                k += sizeRunCounts[r];
            }
            sizeRunValues = null;
            sizeRunCounts = null;
            sizeRuns = 0;
            sizes[sampleCount] = size;
            return;
        }
        if (sizeRuns == sizeRunValues.length) {
            sizeRunValues = Arrays.copyOf(sizeRunValues, sizeRuns * 2);
            sizeRunCounts = Arrays.copyOf(sizeRunCounts, sizeRuns * 2);
        }
        sizeRunValues[sizeRuns] = size;
        sizeRunCounts[sizeRuns++] = 1;
    }

    /**
     * The total length of the arrays the builder holds, in elements: lets a test check that memory does not
     * grow per sample where it should not (constant-size or all-sync samples).
     */
    long retainedArrayElements() {
        long n = sttsCounts.length + sttsDeltas.length + cttsCounts.length + cttsOffsets.length
                + syncRunFirst.length + syncRunLength.length + chunkOffsets.length + stscFirst.length
                + stscPer.length + stscDescription.length;
        if (sizes != null) {
            n += sizes.length;
        } else {
            n += sizeRunValues.length + sizeRunCounts.length;
        }
        return n;
    }

    private void closeChunk() {
        if (chunkCount == 0) {
            return;
        }
        int chunkNumber = chunkCount;
        if (samplesInChunk == 0) {
            // An empty chunk describes nothing: take it back.
            chunkCount--;
            return;
        }
        if (stscRuns > 0 && stscPer[stscRuns - 1] == samplesInChunk
                && stscDescription[stscRuns - 1] == chunkDescription) {
            samplesInChunk = 0;
            return;
        }
        if (stscRuns == stscFirst.length) {
            stscFirst = Arrays.copyOf(stscFirst, stscRuns * 2);
            stscPer = Arrays.copyOf(stscPer, stscRuns * 2);
            stscDescription = Arrays.copyOf(stscDescription, stscRuns * 2);
        }
        stscFirst[stscRuns] = chunkNumber;
        stscPer[stscRuns] = samplesInChunk;
        stscDescription[stscRuns++] = chunkDescription;
        samplesInChunk = 0;
    }

    public int sampleCount() {
        return sampleCount;
    }

    /** Sum of the sample durations, in the track's timescale. */
    public long totalDuration() {
        return totalDuration;
    }

    /**
     * The latest composition time plus duration of any sample (decode times counted from 0): the end of
     * the presentation, which B-frame offsets put after {@link #totalDuration()}. 0 without samples.
     */
    public long presentationEnd() {
        return presentationEnd;
    }

    /** Sum of the sample sizes. */
    public long totalBytes() {
        return totalBytes;
    }

    /** The composition offset of the first sample (0 when there is none). */
    public long firstCompositionOffset() {
        return cttsRuns == 0 ? 0 : cttsOffsets[0];
    }

    /** Adds {@code delta} to every chunk offset (moving the media data, as faststart does). */
    public void shiftChunkOffsets(long delta) {
        for (int i = 0; i < chunkCount; i++) {
            chunkOffsets[i] = Math.addExact(chunkOffsets[i], delta);
            if (chunkOffsets[i] < 0) {
                throw new IllegalArgumentException("shift makes a chunk offset negative");
            }
        }
    }

    /**
     * The sample table boxes in the usual order: stts, ctts (if needed), stss (if needed), stsc, stsz,
     * stco or co64. The caller puts its stsd first. Does not change the builder: more samples may follow
     * (the open chunk is described as it stands).
     */
    public List<Box> build() {
        return build(true);
    }

    /**
     * {@link #build()}, with {@code constantSize} false when the stsz must list every size even if they are all
     * equal: a reader may give a constant size a meaning of its own (QuickTime's PCM formats: one sample per PCM
     * frame).
     */
    public List<Box> build(boolean constantSize) {
        List<Box> out = new ArrayList<>(6);
        out.add(new TimeToSampleBox(0, 0, LongArray.copyOf(sttsCounts, sttsRuns),
                LongArray.copyOf(sttsDeltas, sttsRuns)));
        if (anyOffset) {
            out.add(new CompositionOffsetBox(anyNegativeOffset ? 1 : 0, 0, LongArray.copyOf(cttsCounts, cttsRuns),
                    LongArray.copyOf(cttsOffsets, cttsRuns)));
        }
        if (syncCount < sampleCount) {
            long[] numbers = new long[Math.toIntExact(syncCount)];
            int k = 0;
            for (int r = 0; r < syncRuns; r++) {
                for (long i = 0; i < syncRunLength[r]; i++) {
                    numbers[k++] = syncRunFirst[r] + i;
                }
            }
            out.add(new SyncSampleBox(0, 0, LongArray.wrapOwned(numbers)));
        }
        // The open chunk joins the last stsc run or adds one; an open chunk without samples is left out.
        long[] first = Arrays.copyOf(stscFirst, stscRuns + 1);
        long[] per = Arrays.copyOf(stscPer, stscRuns + 1);
        long[] description = Arrays.copyOf(stscDescription, stscRuns + 1);
        int runs = stscRuns;
        int chunks = chunkCount;
        if (chunkCount > 0 && samplesInChunk == 0) {
            chunks--;
        } else if (chunkCount > 0 && !(runs > 0 && per[runs - 1] == samplesInChunk
                && description[runs - 1] == chunkDescription)) {
            first[runs] = chunkCount;
            per[runs] = samplesInChunk;
            description[runs++] = chunkDescription;
        }
        out.add(new SampleToChunkBox(0, 0, LongArray.copyOf(first, runs), LongArray.copyOf(per, runs),
                LongArray.copyOf(description, runs)));
        out.add(sizeBox(constantSize));
        out.add(ChunkLargeOffsetBox.forOffsets(LongArray.copyOf(chunkOffsets, chunks)));
        return out;
    }

    private SampleSizeBox sizeBox(boolean constantSize) {
        // A constant size of 0 would mean "sizes follow": samples that are all empty get a table.
        // A constant size needs no table at all: PCM has one sample per PCM frame, tens of millions in a long
        // recording, so nothing per sample is allocated before that is known.
        if (constantSize && sizes == null && sizeRuns == 1 && sizeRunValues[0] != 0) {
            return new SampleSizeBox(0, 0, Integer.toUnsignedLong(sizeRunValues[0]), sampleCount, LongArray.EMPTY);
        }
        if (sizes == null) {
            long[] s = new long[sampleCount];
            int k = 0;
            for (int r = 0; r < sizeRuns; r++) {
                Arrays.fill(s, k, k + sizeRunCounts[r], Integer.toUnsignedLong(sizeRunValues[r]));
                k += sizeRunCounts[r];
            }
            return SampleSizeBox.of(LongArray.wrapOwned(s));
        }
        boolean constant = constantSize && sampleCount > 0 && sizes[0] != 0;
        for (int i = 1; i < sampleCount && constant; i++) {
            constant = sizes[i] == sizes[0];
        }
        if (constant) {
            return new SampleSizeBox(0, 0, Integer.toUnsignedLong(sizes[0]), sampleCount, LongArray.EMPTY);
        }
        long[] s = new long[sampleCount];
        for (int i = 0; i < sampleCount; i++) {
            s[i] = Integer.toUnsignedLong(sizes[i]);
        }
        return SampleSizeBox.of(LongArray.wrapOwned(s));
    }

}

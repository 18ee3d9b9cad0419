package dev.bmff.core.index;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.ChunkOffsets;
import dev.bmff.core.box.CompactSampleSizeBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.io.BoxNode;

/**
 * Expands a track's {@code stbl} (stsz/stz2, stts, ctts, stss, stsc, stco/co64) into sample columns
 * (ISO/IEC 14496-12, 8.6 and 8.7). Inconsistent tables are cut to the samples all tables agree on.
 */
final class TableSamples {
    private TableSamples() {
    }

    static void expand(SampleTableBox stbl, BoxNode node, long fileSize, SampleColumns out, IndexProblems problems)
            throws BmffFormatException {
        long at = node == null ? 0 : node.header().offset();
        String path = node == null ? "stbl" : node.path();
        // Sizes give the sample count.
        LongArray sizes;
        long constantSize = 0;
        long count;
        var stsz = stbl.first(SampleSizeBox.class);
        var stz2 = stbl.first(CompactSampleSizeBox.class);
        if (stsz.isPresent()) {
            constantSize = stsz.get().sampleSize();
            sizes = stsz.get().entrySizes();
            count = stsz.get().sampleCount();
            if (constantSize != 0 && count > fileSize / constantSize + 1) {
                problems.report(at, path, "stsz announces " + count + " samples of " + constantSize
                        + " bytes, more than the file holds", "kept the samples that fit");
                count = fileSize / constantSize + 1;
            }
        } else if (stz2.isPresent()) {
            sizes = stz2.get().entrySizes();
            count = sizes.size();
        } else {
            if (stbl.first(TimeToSampleBox.class).map(t -> t.entryCount() > 0).orElse(false)) {
                // A size table that is there but could not be parsed was kept raw (and reported by the
                // reader): say so, rather than that it is missing.
                boolean unreadable = stbl.children().stream().anyMatch(b -> b instanceof dev.bmff.core.box.RawBox
                        && (b.type().equals(dev.bmff.core.box.BoxTypes.STSZ)
                        || b.type().equals(dev.bmff.core.box.BoxTypes.STZ2)));
                problems.report(at, path, unreadable ? "the sample size table (stsz/stz2) could not be read"
                        : "sample table has no stsz or stz2", "track has no samples");
            }
            return;
        }
        TimeToSampleBox stts = stbl.first(TimeToSampleBox.class).orElse(null);
        SampleToChunkBox stsc = stbl.first(SampleToChunkBox.class).orElse(null);
        LongArray chunks = stbl.children().stream().filter(b -> b instanceof ChunkOffsets)
                .map(b -> ((ChunkOffsets) b).offsets()).findFirst().orElse(null);
        if (count > 0 && (stts == null || stsc == null || chunks == null)) {
            problems.report(at, path, "sample table lacks " + (stts == null ? "stts" : stsc == null ? "stsc"
                    : "stco/co64"), "track has no samples");
            return;
        }
        if (count == 0) {
            return;
        }
        long timed = stts.sampleCounts().stream().sum();
        if (timed < count) {
            problems.report(at, path, "stts times " + timed + " samples but stsz has " + count,
                    "kept the first " + timed);
            count = timed;
        }

        // Walk chunks and the time-to-sample runs together.
        int sttsEntry = 0;
        long sttsLeft = stts.entryCount() > 0 ? stts.sampleCounts().get(0) : 0;
        long decodeTime = 0;
        CompositionOffsetBox ctts = stbl.first(CompositionOffsetBox.class).orElse(null);
        int cttsEntry = 0;
        long cttsLeft = ctts != null && ctts.entryCount() > 0 ? ctts.sampleCounts().get(0) : 0;
        SyncSampleBox stss = stbl.first(SyncSampleBox.class).orElse(null);
        int stssPos = 0;

        long sample = 0;
        int stscEntry = 0;
        for (int chunk = 0; chunk < chunks.size() && sample < count; chunk++) {
            while (stscEntry + 1 < stsc.entryCount() && stsc.firstChunks().get(stscEntry + 1) <= chunk + 1) {
                stscEntry++;
            }
            if (stsc.entryCount() == 0 || stsc.firstChunks().get(stscEntry) > chunk + 1) {
                problems.report(at, path, "stsc does not cover chunk " + (chunk + 1), "stopped at that chunk");
                break;
            }
            long perChunk = stsc.samplesPerChunk().get(stscEntry);
            int sdi = (int) Math.min(Integer.MAX_VALUE, stsc.sampleDescriptionIndexes().get(stscEntry));
            long offset = chunks.get(chunk);
            for (long k = 0; k < perChunk && sample < count; k++, sample++) {
                while (sttsLeft == 0 && sttsEntry + 1 < stts.entryCount()) {
                    sttsLeft = stts.sampleCounts().get(++sttsEntry);
                }
                long delta = stts.sampleDeltas().get(sttsEntry);
                sttsLeft--;
                int cto = 0;
                if (ctts != null) {
                    while (cttsLeft == 0 && cttsEntry + 1 < ctts.entryCount()) {
                        cttsLeft = ctts.sampleCounts().get(++cttsEntry);
                    }
                    if (cttsLeft > 0) {
                        cto = (int) ctts.sampleOffsets().get(cttsEntry);
                        cttsLeft--;
                    }
                }
                boolean sync;
                if (stss == null) {
                    sync = true;
                } else {
                    while (stssPos < stss.sampleNumbers().size() && stss.sampleNumbers().get(stssPos) < sample + 1) {
                        stssPos++;
                    }
                    sync = stssPos < stss.sampleNumbers().size() && stss.sampleNumbers().get(stssPos) == sample + 1;
                }
                long size = constantSize != 0 ? constantSize : sizes.get((int) sample);
                if (offset > fileSize - size) {
                    problems.report(offset, path, "sample " + (sample + 1) + " (" + size + " bytes) ends past the"
                            + " end of the file (" + fileSize + ")", "kept the " + sample + " samples before it");
                    return;
                }
                out.add(offset, size, decodeTime, cto, delta, sync, sdi);
                offset += size;
                decodeTime += delta;
            }
        }
        if (sample < count) {
            problems.report(at, path, "chunks hold " + sample + " samples but stsz has " + count,
                    "kept the first " + sample);
        }
    }
}

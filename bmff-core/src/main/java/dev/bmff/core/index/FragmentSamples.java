package dev.bmff.core.index;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.SampleFlags;
import dev.bmff.core.box.TrackExtendsBox;
import dev.bmff.core.box.TrackFragmentBox;
import dev.bmff.core.box.TrackFragmentDecodeTimeBox;
import dev.bmff.core.box.TrackFragmentHeaderBox;
import dev.bmff.core.box.TrackRunBox;
import dev.bmff.core.io.BoxNode;
import java.util.Map;

/**
 * Appends the samples of one movie fragment (moof) to the tracks' columns (ISO/IEC 14496-12, 8.8):
 * trex and tfhd defaults, base data offset (explicit, default-base-is-moof, or the implicit rules),
 * trun data offsets and per-sample fields, and tfdt.
 */
final class FragmentSamples {
    /** Zero-size samples are legal but a run of millions of them is an attack on memory. */
    private static final long MAX_EMPTY_SAMPLES = 1_000_000;

    private FragmentSamples() {
    }

    /** Per-track state that spans fragments. */
    static final class TrackState {
        final SampleColumns columns;
        final TrackExtendsBox trex;
        long emptySamples;

        TrackState(SampleColumns columns, TrackExtendsBox trex) {
            this.columns = columns;
            this.trex = trex;
        }
    }

    static void expand(BoxNode moofNode, long fileSize, Map<Long, TrackState> tracks, IndexProblems problems)
            throws BmffFormatException {
        long moofOffset = moofNode.header().offset();
        long previousTrafEnd = -1;
        for (BoxNode trafNode : moofNode.children()) {
            if (!(trafNode.box() instanceof TrackFragmentBox traf)) {
                continue;
            }
            TrackFragmentHeaderBox tfhd = traf.first(TrackFragmentHeaderBox.class).orElse(null);
            if (tfhd == null) {
                problems.report(trafNode.header().offset(), trafNode.path(), "traf has no tfhd", "skipped it");
                continue;
            }
            TrackState state = tracks.get(tfhd.trackId());
            if (state == null) {
                problems.report(trafNode.header().offset(), trafNode.path(), "traf for track " + tfhd.trackId()
                        + " which the moov does not declare (or has no trex for)", "skipped it");
                continue;
            }
            long base;
            if (tfhd.has(TrackFragmentHeaderBox.BASE_DATA_OFFSET_PRESENT)) {
                base = tfhd.baseDataOffset();
            } else if (tfhd.has(TrackFragmentHeaderBox.DEFAULT_BASE_IS_MOOF) || previousTrafEnd < 0) {
                base = moofOffset;
            } else {
                base = previousTrafEnd;
            }
            TrackExtendsBox trex = state.trex;
            long sdi = tfhd.has(TrackFragmentHeaderBox.SAMPLE_DESCRIPTION_INDEX_PRESENT)
                    ? tfhd.sampleDescriptionIndex() : trex.defaultSampleDescriptionIndex();
            long defDuration = tfhd.has(TrackFragmentHeaderBox.DEFAULT_SAMPLE_DURATION_PRESENT)
                    ? tfhd.defaultSampleDuration() : trex.defaultSampleDuration();
            long defSize = tfhd.has(TrackFragmentHeaderBox.DEFAULT_SAMPLE_SIZE_PRESENT)
                    ? tfhd.defaultSampleSize() : trex.defaultSampleSize();
            long defFlags = tfhd.has(TrackFragmentHeaderBox.DEFAULT_SAMPLE_FLAGS_PRESENT)
                    ? tfhd.defaultSampleFlags() : trex.defaultSampleFlags();
            SampleColumns out = state.columns;
            long time = traf.first(TrackFragmentDecodeTimeBox.class)
                    .map(TrackFragmentDecodeTimeBox::baseMediaDecodeTime).orElse(out.endTime());
            long dataEnd = base;
            boolean firstRun = true;
            int trunIndex = 0;
            // Set once a sample of this traf lies outside the file: the track stops there, but offsets are
            // still walked to the traf's end (the next traf's implicit base), and later trafs are indexed.
            boolean cut = false;
            for (Box child : traf.children()) {
                if (!(child instanceof TrackRunBox trun)) {
                    continue;
                }
                String trunPath = trafNode.path() + "/trun[" + trunIndex++ + "]";
                long offset;
                if (trun.has(TrackRunBox.DATA_OFFSET_PRESENT)) {
                    offset = base + trun.dataOffset();
                } else {
                    offset = firstRun ? base : dataEnd;
                }
                firstRun = false;
                for (long i = 0; i < trun.sampleCount(); i++) {
                    int k = (int) i;
                    long duration = trun.has(TrackRunBox.DURATION_PRESENT) ? trun.durations().get(k) : defDuration;
                    long size = trun.has(TrackRunBox.SIZE_PRESENT) ? trun.sizes().get(k) : defSize;
                    long flags = i == 0 && trun.has(TrackRunBox.FIRST_SAMPLE_FLAGS_PRESENT) ? trun.firstSampleFlags()
                            : trun.has(TrackRunBox.FLAGS_PRESENT) ? trun.sampleFlags().get(k) : defFlags;
                    int cto = trun.has(TrackRunBox.COMPOSITION_OFFSET_PRESENT)
                            ? (int) trun.compositionOffsets().get(k) : 0;
                    if (!cut && (offset < 0 || offset > fileSize - size)) {
                        problems.report(Math.max(0, offset), trunPath, "sample " + (i + 1) + " of "
                                + trun.sampleCount() + " (" + size + " bytes at " + offset
                                + ") lies outside the file (" + fileSize + " bytes)", "kept the samples before it");
                        cut = true;
                    }
                    if (cut) {
                        if (!trun.has(TrackRunBox.SIZE_PRESENT)) {
                            // Every remaining sample has the default size: skip them at once (a hostile
                            // sample_count of 2^32 - 1 needs no per-sample column, so no loop over it).
                            long left = trun.sampleCount() - i;
                            offset = size != 0 && left > (Long.MAX_VALUE - offset) / size ? Long.MAX_VALUE
                                    : offset + left * size;
                            break;
                        }
                        offset += size;
                        continue;
                    }
                    if (size == 0 && ++state.emptySamples > MAX_EMPTY_SAMPLES) {
                        problems.report(moofOffset, trunPath, "more than " + MAX_EMPTY_SAMPLES
                                + " empty samples in track " + tfhd.trackId(), "ignored the rest of the run");
                        break;
                    }
                    out.add(offset, size, time, cto, duration, SampleFlags.isSync(flags),
                            (int) Math.min(Integer.MAX_VALUE, sdi));
                    offset += size;
                    time += duration;
                }
                dataEnd = offset;
            }
            previousTrafEnd = dataEnd;
        }
    }
}

package dev.bmff.core.io;

import static dev.bmff.core.box.TrackFragmentHeaderBox.BASE_DATA_OFFSET_PRESENT;
import static dev.bmff.core.box.TrackFragmentHeaderBox.DEFAULT_SAMPLE_DURATION_PRESENT;
import static dev.bmff.core.box.TrackFragmentHeaderBox.DEFAULT_SAMPLE_FLAGS_PRESENT;
import static dev.bmff.core.box.TrackFragmentHeaderBox.DEFAULT_SAMPLE_SIZE_PRESENT;
import static dev.bmff.core.box.TrackFragmentHeaderBox.SAMPLE_DESCRIPTION_INDEX_PRESENT;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.MovieFragmentHeaderBox;
import dev.bmff.core.box.MovieFragmentRandomAccessOffsetBox;
import dev.bmff.core.box.SegmentIndexBox;
import dev.bmff.core.box.TrackFragmentDecodeTimeBox;
import dev.bmff.core.box.TrackFragmentHeaderBox;
import dev.bmff.core.box.TrackFragmentRandomAccessBox;
import dev.bmff.core.box.TrackRunBox;
import java.util.ArrayList;
import java.util.List;

/** Codecs of the movie fragment boxes (ISO/IEC 14496-12 clauses 8.8 and 8.16.3). */
final class FragmentCodecs {
    private FragmentCodecs() {
    }

    /** 8.8.5 mfhd. */
    static final LeafCodec<MovieFragmentHeaderBox> MFHD = new LeafCodec<>() {
        @Override
        public MovieFragmentHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            return new MovieFragmentHeaderBox(v, f, in.u32());
        }

        @Override
        public void write(MovieFragmentHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.sequenceNumber());
        }
    };

    /** 8.8.7 tfhd. */
    static final LeafCodec<TrackFragmentHeaderBox> TFHD = new LeafCodec<>() {
        @Override
        public TrackFragmentHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            long id = in.u32();
            long base = (f & BASE_DATA_OFFSET_PRESENT) != 0 ? in.u63("base_data_offset") : 0;
            long sdi = (f & SAMPLE_DESCRIPTION_INDEX_PRESENT) != 0 ? in.u32() : 0;
            long dur = (f & DEFAULT_SAMPLE_DURATION_PRESENT) != 0 ? in.u32() : 0;
            long size = (f & DEFAULT_SAMPLE_SIZE_PRESENT) != 0 ? in.u32() : 0;
            long flags = (f & DEFAULT_SAMPLE_FLAGS_PRESENT) != 0 ? in.u32() : 0;
            return new TrackFragmentHeaderBox(v, f, id, base, sdi, dur, size, flags);
        }

        @Override
        public void write(TrackFragmentHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.trackId());
            if (b.has(BASE_DATA_OFFSET_PRESENT)) {
                out.u64(b.baseDataOffset());
            }
            if (b.has(SAMPLE_DESCRIPTION_INDEX_PRESENT)) {
                out.u32(b.sampleDescriptionIndex());
            }
            if (b.has(DEFAULT_SAMPLE_DURATION_PRESENT)) {
                out.u32(b.defaultSampleDuration());
            }
            if (b.has(DEFAULT_SAMPLE_SIZE_PRESENT)) {
                out.u32(b.defaultSampleSize());
            }
            if (b.has(DEFAULT_SAMPLE_FLAGS_PRESENT)) {
                out.u32(b.defaultSampleFlags());
            }
        }
    };

    /** 8.8.12 tfdt. */
    static final LeafCodec<TrackFragmentDecodeTimeBox> TFDT = new LeafCodec<>() {
        @Override
        public TrackFragmentDecodeTimeBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("tfdt version " + v);
            }
            return new TrackFragmentDecodeTimeBox(v, f, in.sized(v, "baseMediaDecodeTime"));
        }

        @Override
        public void write(TrackFragmentDecodeTimeBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).sized(b.version(), b.baseMediaDecodeTime());
        }
    };

    /** 8.8.8 trun. */
    static final LeafCodec<TrackRunBox> TRUN = new LeafCodec<>() {
        @Override
        public TrackRunBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("trun version " + v);
            }
            long count = in.u32();
            int dataOffset = (f & TrackRunBox.DATA_OFFSET_PRESENT) != 0 ? in.s32() : 0;
            long first = (f & TrackRunBox.FIRST_SAMPLE_FLAGS_PRESENT) != 0 ? in.u32() : 0;
            boolean hasDur = (f & TrackRunBox.DURATION_PRESENT) != 0;
            boolean hasSize = (f & TrackRunBox.SIZE_PRESENT) != 0;
            boolean hasFlags = (f & TrackRunBox.FLAGS_PRESENT) != 0;
            boolean hasCto = (f & TrackRunBox.COMPOSITION_OFFSET_PRESENT) != 0;
            int perSample = 4 * ((hasDur ? 1 : 0) + (hasSize ? 1 : 0) + (hasFlags ? 1 : 0) + (hasCto ? 1 : 0));
            int n = perSample == 0 ? 0 : in.checkEntries(count, perSample, "trun sample");
            long[] dur = new long[hasDur ? n : 0];
            long[] size = new long[hasSize ? n : 0];
            long[] flags = new long[hasFlags ? n : 0];
            long[] cto = new long[hasCto ? n : 0];
            for (int i = 0; i < n; i++) {
                if (hasDur) {
                    dur[i] = in.u32();
                }
                if (hasSize) {
                    size[i] = in.u32();
                }
                if (hasFlags) {
                    flags[i] = in.u32();
                }
                if (hasCto) {
                    cto[i] = v == 0 ? in.u32() : in.s32();
                }
            }
            return new TrackRunBox(v, f, count, dataOffset, first, LongArray.wrapOwned(dur),
                    LongArray.wrapOwned(size), LongArray.wrapOwned(flags), LongArray.wrapOwned(cto));
        }

        @Override
        public void write(TrackRunBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.sampleCount());
            if (b.has(TrackRunBox.DATA_OFFSET_PRESENT)) {
                out.u32(b.dataOffset());
            }
            if (b.has(TrackRunBox.FIRST_SAMPLE_FLAGS_PRESENT)) {
                out.u32(b.firstSampleFlags());
            }
            boolean anyColumn = (b.flags() & 0xF00) != 0;
            for (int i = 0; anyColumn && i < b.sampleCount(); i++) {
                if (b.has(TrackRunBox.DURATION_PRESENT)) {
                    out.u32(b.durations().get(i));
                }
                if (b.has(TrackRunBox.SIZE_PRESENT)) {
                    out.u32(b.sizes().get(i));
                }
                if (b.has(TrackRunBox.FLAGS_PRESENT)) {
                    out.u32(b.sampleFlags().get(i));
                }
                if (b.has(TrackRunBox.COMPOSITION_OFFSET_PRESENT)) {
                    out.u32(b.compositionOffsets().get(i));
                }
            }
        }
    };

    /** 8.16.3 sidx. */
    static final LeafCodec<SegmentIndexBox> SIDX = new LeafCodec<>() {
        @Override
        public SegmentIndexBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("sidx version " + v);
            }
            long refId = in.u32();
            long ts = in.u32();
            long ept = in.sized(v, "earliest_presentation_time");
            long first = in.sized(v, "first_offset");
            int reserved = in.u16();
            int n = in.checkEntries(in.u16(), 12, "sidx reference");
            List<SegmentIndexBox.Reference> refs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long a = in.u32();
                long dur = in.u32();
                long c = in.u32();
                refs.add(new SegmentIndexBox.Reference((a >>> 31) != 0, a & 0x7FFF_FFFFL, dur, (c >>> 31) != 0,
                        (int) (c >>> 28) & 7, c & 0x0FFF_FFFFL));
            }
            return new SegmentIndexBox(v, f, refId, ts, ept, first, reserved, refs);
        }

        @Override
        public void write(SegmentIndexBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.referenceId()).u32(b.timescale());
            out.sized(b.version(), b.earliestPresentationTime()).sized(b.version(), b.firstOffset());
            out.u16(b.reserved()).u16(b.references().size());
            for (SegmentIndexBox.Reference r : b.references()) {
                out.u32((r.referencesIndex() ? 0x8000_0000L : 0) | r.referencedSize());
                out.u32(r.subsegmentDuration());
                out.u32((r.startsWithSap() ? 0x8000_0000L : 0) | ((long) r.sapType() << 28) | r.sapDeltaTime());
            }
        }
    };

    /** 8.8.10 tfra. */
    static final LeafCodec<TrackFragmentRandomAccessBox> TFRA = new LeafCodec<>() {
        @Override
        public TrackFragmentRandomAccessBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("tfra version " + v);
            }
            long trackId = in.u32();
            long sizes = in.u32();
            if ((sizes >>> 6) != 0) {
                return null;
            }
            int traf = (int) ((sizes >>> 4) & 3) + 1;
            int trun = (int) ((sizes >>> 2) & 3) + 1;
            int sample = (int) (sizes & 3) + 1;
            int n = in.checkEntries(in.u32(), (v == 1 ? 16 : 8) + traf + trun + sample, "tfra entry");
            List<TrackFragmentRandomAccessBox.Entry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long time = in.sized(v, "time");
                long moof = in.sized(v, "moof_offset");
                entries.add(new TrackFragmentRandomAccessBox.Entry(time, moof, number(in, traf), number(in, trun),
                        number(in, sample)));
            }
            return new TrackFragmentRandomAccessBox(v, f, trackId, traf, trun, sample, entries);
        }

        private long number(PayloadReader in, int bytes) throws BmffFormatException {
            long x = 0;
            for (int i = 0; i < bytes; i++) {
                x = (x << 8) | in.u8();
            }
            return x;
        }

        @Override
        public void write(TrackFragmentRandomAccessBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.trackId());
            out.u32(((b.lengthSizeOfTrafNum() - 1) << 4) | ((b.lengthSizeOfTrunNum() - 1) << 2)
                    | (b.lengthSizeOfSampleNum() - 1));
            out.u32(b.entries().size());
            for (TrackFragmentRandomAccessBox.Entry e : b.entries()) {
                out.sized(b.version(), e.time()).sized(b.version(), e.moofOffset());
                number(out, e.trafNumber(), b.lengthSizeOfTrafNum());
                number(out, e.trunNumber(), b.lengthSizeOfTrunNum());
                number(out, e.sampleNumber(), b.lengthSizeOfSampleNum());
            }
        }

        private void number(PayloadWriter out, long v, int bytes) {
            for (int i = bytes - 1; i >= 0; i--) {
                out.u8((int) (v >>> (8 * i)) & 0xFF);
            }
        }
    };

    /** 8.8.11 mfro. */
    static final LeafCodec<MovieFragmentRandomAccessOffsetBox> MFRO = new LeafCodec<>() {
        @Override
        public MovieFragmentRandomAccessOffsetBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            return new MovieFragmentRandomAccessOffsetBox(v, f, in.u32());
        }

        @Override
        public void write(MovieFragmentRandomAccessOffsetBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.mfraSize());
        }
    };
}

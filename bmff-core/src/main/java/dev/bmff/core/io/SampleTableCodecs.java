package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.ChunkOffsetBox;
import dev.bmff.core.box.CompactSampleSizeBox;
import dev.bmff.core.box.CompositionOffsetBox;
import dev.bmff.core.box.CompositionToDecodeBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.SampleDependencyTypeBox;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;

/** Codecs of the sample table boxes (ISO/IEC 14496-12 clause 8.6 and 8.7). */
final class SampleTableCodecs {
    private SampleTableCodecs() {
    }

    /** 8.6.1.2 stts. */
    static final LeafCodec<TimeToSampleBox> STTS = new LeafCodec<>() {
        @Override
        public TimeToSampleBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            int n = in.checkEntries(in.u32(), 8, "stts entry");
            long[] counts = new long[n];
            long[] deltas = new long[n];
            for (int i = 0; i < n; i++) {
                counts[i] = in.u32();
                deltas[i] = in.u32();
            }
            return new TimeToSampleBox(v, f, LongArray.wrapOwned(counts), LongArray.wrapOwned(deltas));
        }

        @Override
        public void write(TimeToSampleBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.entryCount());
            for (int i = 0; i < b.entryCount(); i++) {
                out.u32(b.sampleCounts().get(i)).u32(b.sampleDeltas().get(i));
            }
        }
    };

    /** 8.6.1.3 ctts. */
    static final LeafCodec<CompositionOffsetBox> CTTS = new LeafCodec<>() {
        @Override
        public CompositionOffsetBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("ctts version " + v);
            }
            int n = in.checkEntries(in.u32(), 8, "ctts entry");
            long[] counts = new long[n];
            long[] offsets = new long[n];
            for (int i = 0; i < n; i++) {
                counts[i] = in.u32();
                offsets[i] = v == 0 ? in.u32() : in.s32();
            }
            return new CompositionOffsetBox(v, f, LongArray.wrapOwned(counts), LongArray.wrapOwned(offsets));
        }

        @Override
        public void write(CompositionOffsetBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.entryCount());
            for (int i = 0; i < b.entryCount(); i++) {
                out.u32(b.sampleCounts().get(i)).u32(b.sampleOffsets().get(i));
            }
        }
    };

    /** 8.6.1.4 cslg. */
    static final LeafCodec<CompositionToDecodeBox> CSLG = new LeafCodec<>() {
        @Override
        public CompositionToDecodeBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("cslg version " + v);
            }
            long[] x = new long[5];
            for (int i = 0; i < 5; i++) {
                x[i] = v == 0 ? in.s32() : in.s64();
            }
            return new CompositionToDecodeBox(v, f, x[0], x[1], x[2], x[3], x[4]);
        }

        @Override
        public void write(CompositionToDecodeBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags());
            for (long x : new long[] {b.compositionToDtsShift(), b.leastDecodeToDisplayDelta(),
                b.greatestDecodeToDisplayDelta(), b.compositionStartTime(), b.compositionEndTime()}) {
                out.sized(b.version(), x);
            }
        }
    };

    /** 8.6.2 stss. */
    static final LeafCodec<SyncSampleBox> STSS = new LeafCodec<>() {
        @Override
        public SyncSampleBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            return new SyncSampleBox(v, f, in.u32Array(in.u32(), "stss entry"));
        }

        @Override
        public void write(SyncSampleBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.sampleNumbers().size()).u32s(b.sampleNumbers());
        }
    };

    /** 8.6.4 sdtp. */
    static final LeafCodec<SampleDependencyTypeBox> SDTP = new LeafCodec<>() {
        @Override
        public SampleDependencyTypeBox read(PayloadReader in, int v, int f, ParseContext ctx) {
            return new SampleDependencyTypeBox(v, f, in.rest());
        }

        @Override
        public void write(SampleDependencyTypeBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).bytes(b.entries());
        }
    };

    /** 8.7.4 stsc. */
    static final LeafCodec<SampleToChunkBox> STSC = new LeafCodec<>() {
        @Override
        public SampleToChunkBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            int n = in.checkEntries(in.u32(), 12, "stsc entry");
            long[] first = new long[n];
            long[] per = new long[n];
            long[] sdi = new long[n];
            for (int i = 0; i < n; i++) {
                first[i] = in.u32();
                per[i] = in.u32();
                sdi[i] = in.u32();
            }
            return new SampleToChunkBox(v, f, LongArray.wrapOwned(first), LongArray.wrapOwned(per),
                    LongArray.wrapOwned(sdi));
        }

        @Override
        public void write(SampleToChunkBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.entryCount());
            for (int i = 0; i < b.entryCount(); i++) {
                out.u32(b.firstChunks().get(i)).u32(b.samplesPerChunk().get(i))
                        .u32(b.sampleDescriptionIndexes().get(i));
            }
        }
    };

    /** 8.7.3.2 stsz. */
    static final LeafCodec<SampleSizeBox> STSZ = new LeafCodec<>() {
        @Override
        public SampleSizeBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            long size = in.u32();
            long count = in.u32();
            LongArray sizes = size == 0 ? in.u32Array(count, "stsz entry") : LongArray.EMPTY;
            return new SampleSizeBox(v, f, size, count, sizes);
        }

        @Override
        public void write(SampleSizeBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.sampleSize()).u32(b.sampleCount());
            out.u32s(b.entrySizes());
        }
    };

    /** 8.7.3.3 stz2. */
    static final LeafCodec<CompactSampleSizeBox> STZ2 = new LeafCodec<>() {
        @Override
        public CompactSampleSizeBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            int reserved = in.u24();
            int fieldSize = in.u8();
            if (fieldSize != 4 && fieldSize != 8 && fieldSize != 16) {
                throw in.error("stz2 field_size must be 4, 8 or 16, is " + fieldSize);
            }
            long count = in.u32();
            long bytes = fieldSize == 4 ? (count + 1) / 2 : count * (fieldSize / 8);
            if (bytes > in.remaining()) {
                throw in.error("stz2 sample count " + count + " needs " + bytes + " bytes, only "
                        + in.remaining() + " left in the box");
            }
            long[] sizes = new long[(int) count];
            for (int i = 0; i < sizes.length; i++) {
                if (fieldSize == 4) {
                    int b = in.u8();
                    sizes[i] = b >>> 4;
                    if (i + 1 < sizes.length) {
                        sizes[++i] = b & 0xF;
                    } else if ((b & 0xF) != 0) {
                        return null;
                    }
                } else {
                    sizes[i] = fieldSize == 8 ? in.u8() : in.u16();
                }
            }
            return reserved != 0 ? null : new CompactSampleSizeBox(v, f, fieldSize, LongArray.wrapOwned(sizes));
        }

        @Override
        public void write(CompactSampleSizeBox b, PayloadWriter out) {
            LongArray s = b.entrySizes();
            out.versionAndFlags(b.version(), b.flags()).u24(0).u8(b.fieldSize()).u32(s.size());
            for (int i = 0; i < s.size(); i++) {
                switch (b.fieldSize()) {
                    case 4 -> {
                        int hi = (int) s.get(i);
                        int lo = i + 1 < s.size() ? (int) s.get(++i) : 0;
                        out.u8((hi << 4) | lo);
                    }
                    case 8 -> out.u8((int) s.get(i));
                    default -> out.u16((int) s.get(i));
                }
            }
        }
    };

    /** 8.7.5 stco. */
    static final LeafCodec<ChunkOffsetBox> STCO = new LeafCodec<>() {
        @Override
        public ChunkOffsetBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            return new ChunkOffsetBox(v, f, in.u32Array(in.u32(), "stco entry"));
        }

        @Override
        public void write(ChunkOffsetBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.offsets().size()).u32s(b.offsets());
        }
    };

    /** 8.7.5 co64. */
    static final LeafCodec<ChunkLargeOffsetBox> CO64 = new LeafCodec<>() {
        @Override
        public ChunkLargeOffsetBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            return new ChunkLargeOffsetBox(v, f, in.u63Array(in.u32(), "co64 entry"));
        }

        @Override
        public void write(ChunkLargeOffsetBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.offsets().size()).u64s(b.offsets());
        }
    };
}

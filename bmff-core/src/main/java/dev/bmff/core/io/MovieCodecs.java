package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.Matrix;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MovieExtendsHeaderBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.NullMediaHeaderBox;
import dev.bmff.core.box.SoundMediaHeaderBox;
import dev.bmff.core.box.TrackExtendsBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.box.VideoMediaHeaderBox;
import java.util.ArrayList;
import java.util.List;

/** Codecs of the movie-level boxes (ISO/IEC 14496-12 clauses 4.3, 8.2 to 8.4, 8.6.5, 8.6.6, 8.8). */
final class MovieCodecs {
    private MovieCodecs() {
    }

    static Matrix readMatrix(PayloadReader in) throws BmffFormatException {
        return new Matrix(in.s32(), in.s32(), in.s32(), in.s32(), in.s32(), in.s32(), in.s32(), in.s32(), in.s32());
    }

    static void writeMatrix(PayloadWriter out, Matrix m) {
        for (int v : m.values()) {
            out.u32(v);
        }
    }

    /** 4.3 ftyp / 8.16.2 styp: not a full box. */
    static LeafCodec<FileTypeBox> fileType(FourCC type) {
        return new LeafCodec<>() {
            @Override
            public FileTypeBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
                FourCC major = in.fourCC();
                long minor = in.u32();
                if (in.remaining() % 4 != 0) {
                    return null;
                }
                List<FourCC> brands = new ArrayList<>();
                while (in.remaining() >= 4) {
                    brands.add(in.fourCC());
                }
                return new FileTypeBox(type, major, minor, brands);
            }

            @Override
            public void write(FileTypeBox b, PayloadWriter out) {
                out.fourCC(b.majorBrand()).u32(b.minorVersion());
                b.compatibleBrands().forEach(out::fourCC);
            }
        };
    }

    /** 8.2.2 mvhd. */
    static final LeafCodec<MovieHeaderBox> MVHD = new LeafCodec<>() {
        @Override
        public MovieHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("mvhd version " + v);
            }
            long ct = in.sizedRaw(v);
            long mt = in.sizedRaw(v);
            long ts = in.u32();
            long dur = in.sizedRaw(v);
            int rate = in.s32();
            int volume = in.u16();
            Bytes reserved = in.bytes(10);
            Matrix m = readMatrix(in);
            Bytes pre = in.bytes(24);
            long next = in.u32();
            return new MovieHeaderBox(v, f, ct, mt, ts, dur, rate, volume, reserved, m, pre, next);
        }

        @Override
        public void write(MovieHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags());
            out.sized(b.version(), b.creationTime()).sized(b.version(), b.modificationTime());
            out.u32(b.timescale()).sized(b.version(), b.duration());
            out.u32(b.rate()).u16(b.volume()).bytes(b.reserved());
            writeMatrix(out, b.matrix());
            out.bytes(b.preDefined()).u32(b.nextTrackId());
        }
    };

    /** 8.3.2 tkhd. */
    static final LeafCodec<TrackHeaderBox> TKHD = new LeafCodec<>() {
        @Override
        public TrackHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("tkhd version " + v);
            }
            long ct = in.sizedRaw(v);
            long mt = in.sizedRaw(v);
            long id = in.u32();
            long r1 = in.u32();
            long dur = in.sizedRaw(v);
            long r2 = in.s64();
            int layer = in.s16();
            int group = in.s16();
            int volume = in.u16();
            int r3 = in.u16();
            Matrix m = readMatrix(in);
            long w = in.u32();
            long h = in.u32();
            if (r1 != 0 || r2 != 0 || r3 != 0) {
                return null;
            }
            return new TrackHeaderBox(v, f, ct, mt, id, dur, layer, group, volume, m, w, h);
        }

        @Override
        public void write(TrackHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags());
            out.sized(b.version(), b.creationTime()).sized(b.version(), b.modificationTime());
            out.u32(b.trackId()).u32(0).sized(b.version(), b.duration()).u64(0);
            out.u16(b.layer() & 0xFFFF).u16(b.alternateGroup() & 0xFFFF).u16(b.volume()).u16(0);
            writeMatrix(out, b.matrix());
            out.u32(b.width()).u32(b.height());
        }
    };

    /** 8.6.6 elst. */
    static final LeafCodec<EditListBox> ELST = new LeafCodec<>() {
        @Override
        public EditListBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("elst version " + v);
            }
            long count = in.u32();
            int n = in.checkEntries(count, v == 1 ? 20 : 12, "elst entry");
            List<EditListBox.Entry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long dur = in.sizedRaw(v);
                long mediaTime = v == 1 ? in.s64() : in.s32();
                entries.add(new EditListBox.Entry(dur, mediaTime, in.s16(), in.s16()));
            }
            return new EditListBox(v, f, entries);
        }

        @Override
        public void write(EditListBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.entries().size());
            for (EditListBox.Entry e : b.entries()) {
                out.sized(b.version(), e.segmentDuration());
                if (b.version() == 1) {
                    out.u64(e.mediaTime());
                } else {
                    out.u32(e.mediaTime());
                }
                out.u16(e.mediaRateInteger() & 0xFFFF).u16(e.mediaRateFraction() & 0xFFFF);
            }
        }
    };

    /** 8.4.2 mdhd. */
    static final LeafCodec<MediaHeaderBox> MDHD = new LeafCodec<>() {
        @Override
        public MediaHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("mdhd version " + v);
            }
            long ct = in.sizedRaw(v);
            long mt = in.sizedRaw(v);
            long ts = in.u32();
            long dur = in.sizedRaw(v);
            return new MediaHeaderBox(v, f, ct, mt, ts, dur, in.u16(), in.u16());
        }

        @Override
        public void write(MediaHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags());
            out.sized(b.version(), b.creationTime()).sized(b.version(), b.modificationTime());
            out.u32(b.timescale()).sized(b.version(), b.duration()).u16(b.language()).u16(b.quality());
        }
    };

    /** 8.4.3 hdlr. */
    static final LeafCodec<HandlerBox> HDLR = new LeafCodec<>() {
        @Override
        public HandlerBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            if (v != 0) {
                throw in.unsupported("hdlr version " + v);
            }
            long pre = in.u32();
            FourCC handler = in.fourCC();
            Bytes reserved = in.bytes(12);
            return new HandlerBox(v, f, pre, handler, reserved, in.rest());
        }

        @Override
        public void write(HandlerBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.preDefined()).fourCC(b.handlerType());
            out.bytes(b.reserved()).bytes(b.name());
        }
    };

    /** 12.1.2 vmhd. */
    static final LeafCodec<VideoMediaHeaderBox> VMHD = new LeafCodec<>() {
        @Override
        public VideoMediaHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            if (v != 0) {
                throw in.unsupported("vmhd version " + v);
            }
            return new VideoMediaHeaderBox(v, f, in.u16(), in.u16(), in.u16(), in.u16());
        }

        @Override
        public void write(VideoMediaHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u16(b.graphicsMode());
            out.u16(b.opColorRed()).u16(b.opColorGreen()).u16(b.opColorBlue());
        }
    };

    /** 12.2.2 smhd. */
    static final LeafCodec<SoundMediaHeaderBox> SMHD = new LeafCodec<>() {
        @Override
        public SoundMediaHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            if (v != 0) {
                throw in.unsupported("smhd version " + v);
            }
            int balance = in.s16();
            return in.u16() != 0 ? null : new SoundMediaHeaderBox(v, f, balance);
        }

        @Override
        public void write(SoundMediaHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u16(b.balance() & 0xFFFF).u16(0);
        }
    };

    /** 8.4.5.2 nmhd. */
    static final LeafCodec<NullMediaHeaderBox> NMHD = new LeafCodec<>() {
        @Override
        public NullMediaHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx) {
            return new NullMediaHeaderBox(v, f);
        }

        @Override
        public void write(NullMediaHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags());
        }
    };

    /** 8.8.2 mehd. */
    static final LeafCodec<MovieExtendsHeaderBox> MEHD = new LeafCodec<>() {
        @Override
        public MovieExtendsHeaderBox read(PayloadReader in, int v, int f, ParseContext ctx)
                throws BmffFormatException {
            if (v > 1) {
                throw in.unsupported("mehd version " + v);
            }
            return new MovieExtendsHeaderBox(v, f, in.sizedRaw(v));
        }

        @Override
        public void write(MovieExtendsHeaderBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).sized(b.version(), b.fragmentDuration());
        }
    };

    /** 8.8.3 trex. */
    static final LeafCodec<TrackExtendsBox> TREX = new LeafCodec<>() {
        @Override
        public TrackExtendsBox read(PayloadReader in, int v, int f, ParseContext ctx) throws BmffFormatException {
            return new TrackExtendsBox(v, f, in.u32(), in.u32(), in.u32(), in.u32(), in.u32());
        }

        @Override
        public void write(TrackExtendsBox b, PayloadWriter out) {
            out.versionAndFlags(b.version(), b.flags()).u32(b.trackId()).u32(b.defaultSampleDescriptionIndex());
            out.u32(b.defaultSampleDuration()).u32(b.defaultSampleSize()).u32(b.defaultSampleFlags());
        }
    };

    static boolean isFileType(FourCC t) {
        return t.equals(BoxTypes.FTYP) || t.equals(BoxTypes.STYP);
    }
}

package dev.bmff.core.io;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.ContainerBox;
import dev.bmff.core.box.DataInformationBox;
import dev.bmff.core.box.EditBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieExtendsBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.box.MovieFragmentRandomAccessBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackFragmentBox;
import dev.bmff.core.box.UserDataBox;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The registry: which codec reads each box type, and which writes each model class. */
final class Codecs {
    private Codecs() {
    }

    private static final Map<FourCC, LeafCodec<?>> LEAF_BY_TYPE = new HashMap<>();
    private static final Set<FourCC> FULL_BOXES = new HashSet<>();
    private static final Map<Class<?>, LeafCodec<?>> LEAF_BY_CLASS = new HashMap<>();
    private static final Map<FourCC, ContainerCodec<?>> CONTAINER_BY_TYPE = new HashMap<>();
    private static final Map<Class<?>, ContainerCodec<?>> CONTAINER_BY_CLASS = new HashMap<>();

    private static <T extends Box> void leaf(FourCC type, Class<T> model, boolean full, LeafCodec<T> codec) {
        LEAF_BY_TYPE.put(type, codec);
        LEAF_BY_CLASS.putIfAbsent(model, codec);
        if (full) {
            FULL_BOXES.add(type);
        }
    }

    private static <T extends ContainerBox> void plain(FourCC type, Class<T> model, Function<List<Box>, T> make) {
        ContainerCodec<T> codec = new ContainerCodec<>() {
            @Override
            public Prefix read(PayloadReader in, ParseContext ctx) {
                return make::apply;
            }

            @Override
            public void writePrefix(T box, PayloadWriter out) {
                // A plain container has nothing before its children.
            }
        };
        container(type, model, codec);
    }

    private static <T extends ContainerBox> void container(FourCC type, Class<T> model, ContainerCodec<T> codec) {
        CONTAINER_BY_TYPE.put(type, codec);
        CONTAINER_BY_CLASS.put(model, codec);
    }

    static {
        leaf(BoxTypes.FTYP, dev.bmff.core.box.FileTypeBox.class, false, MovieCodecs.fileType(BoxTypes.FTYP));
        LEAF_BY_TYPE.put(BoxTypes.STYP, MovieCodecs.fileType(BoxTypes.STYP));
        leaf(BoxTypes.MVHD, dev.bmff.core.box.MovieHeaderBox.class, true, MovieCodecs.MVHD);
        leaf(BoxTypes.TKHD, dev.bmff.core.box.TrackHeaderBox.class, true, MovieCodecs.TKHD);
        leaf(BoxTypes.ELST, dev.bmff.core.box.EditListBox.class, true, MovieCodecs.ELST);
        leaf(BoxTypes.MDHD, dev.bmff.core.box.MediaHeaderBox.class, true, MovieCodecs.MDHD);
        leaf(BoxTypes.HDLR, dev.bmff.core.box.HandlerBox.class, true, MovieCodecs.HDLR);
        leaf(BoxTypes.VMHD, dev.bmff.core.box.VideoMediaHeaderBox.class, true, MovieCodecs.VMHD);
        leaf(BoxTypes.SMHD, dev.bmff.core.box.SoundMediaHeaderBox.class, true, MovieCodecs.SMHD);
        leaf(BoxTypes.NMHD, dev.bmff.core.box.NullMediaHeaderBox.class, true, MovieCodecs.NMHD);
        leaf(BoxTypes.MEHD, dev.bmff.core.box.MovieExtendsHeaderBox.class, true, MovieCodecs.MEHD);
        leaf(BoxTypes.TREX, dev.bmff.core.box.TrackExtendsBox.class, true, MovieCodecs.TREX);
        leaf(BoxTypes.STTS, dev.bmff.core.box.TimeToSampleBox.class, true, SampleTableCodecs.STTS);
        leaf(BoxTypes.CTTS, dev.bmff.core.box.CompositionOffsetBox.class, true, SampleTableCodecs.CTTS);
        leaf(BoxTypes.CSLG, dev.bmff.core.box.CompositionToDecodeBox.class, true, SampleTableCodecs.CSLG);
        leaf(BoxTypes.STSS, dev.bmff.core.box.SyncSampleBox.class, true, SampleTableCodecs.STSS);
        leaf(BoxTypes.SDTP, dev.bmff.core.box.SampleDependencyTypeBox.class, true, SampleTableCodecs.SDTP);
        leaf(BoxTypes.STSC, dev.bmff.core.box.SampleToChunkBox.class, true, SampleTableCodecs.STSC);
        leaf(BoxTypes.STSZ, dev.bmff.core.box.SampleSizeBox.class, true, SampleTableCodecs.STSZ);
        leaf(BoxTypes.STZ2, dev.bmff.core.box.CompactSampleSizeBox.class, true, SampleTableCodecs.STZ2);
        leaf(BoxTypes.STCO, dev.bmff.core.box.ChunkOffsetBox.class, true, SampleTableCodecs.STCO);
        leaf(BoxTypes.CO64, dev.bmff.core.box.ChunkLargeOffsetBox.class, true, SampleTableCodecs.CO64);
        leaf(BoxTypes.MFHD, dev.bmff.core.box.MovieFragmentHeaderBox.class, true, FragmentCodecs.MFHD);
        leaf(BoxTypes.TFHD, dev.bmff.core.box.TrackFragmentHeaderBox.class, true, FragmentCodecs.TFHD);
        leaf(BoxTypes.TFDT, dev.bmff.core.box.TrackFragmentDecodeTimeBox.class, true, FragmentCodecs.TFDT);
        leaf(BoxTypes.TRUN, dev.bmff.core.box.TrackRunBox.class, true, FragmentCodecs.TRUN);
        leaf(BoxTypes.SIDX, dev.bmff.core.box.SegmentIndexBox.class, true, FragmentCodecs.SIDX);
        leaf(BoxTypes.TFRA, dev.bmff.core.box.TrackFragmentRandomAccessBox.class, true, FragmentCodecs.TFRA);
        leaf(BoxTypes.MFRO, dev.bmff.core.box.MovieFragmentRandomAccessOffsetBox.class, true, FragmentCodecs.MFRO);

        plain(BoxTypes.MOOV, MovieBox.class, MovieBox::new);
        plain(BoxTypes.TRAK, TrackBox.class, TrackBox::new);
        plain(BoxTypes.EDTS, EditBox.class, EditBox::new);
        plain(BoxTypes.MDIA, MediaBox.class, MediaBox::new);
        plain(BoxTypes.MINF, MediaInformationBox.class, MediaInformationBox::new);
        plain(BoxTypes.DINF, DataInformationBox.class, DataInformationBox::new);
        plain(BoxTypes.STBL, SampleTableBox.class, SampleTableBox::new);
        plain(BoxTypes.MVEX, MovieExtendsBox.class, MovieExtendsBox::new);
        plain(BoxTypes.MOOF, MovieFragmentBox.class, MovieFragmentBox::new);
        plain(BoxTypes.TRAF, TrackFragmentBox.class, TrackFragmentBox::new);
        plain(BoxTypes.MFRA, MovieFragmentRandomAccessBox.class, MovieFragmentRandomAccessBox::new);
        plain(BoxTypes.UDTA, UserDataBox.class, UserDataBox::new);
        container(BoxTypes.STSD, dev.bmff.core.box.SampleDescriptionBox.class, SampleEntryCodecs.STSD);
        container(BoxTypes.DREF, dev.bmff.core.box.DataReferenceBox.class, SampleEntryCodecs.DREF);
    }

    static LeafCodec<?> leafFor(FourCC type) {
        return LEAF_BY_TYPE.get(type);
    }

    static boolean isFullBox(FourCC type) {
        return FULL_BOXES.contains(type);
    }

    static ContainerCodec<?> containerFor(FourCC type) {
        return CONTAINER_BY_TYPE.get(type);
    }

    @SuppressWarnings("unchecked")
    static <T extends Box> LeafCodec<T> leafWriter(T box) {
        if (box instanceof dev.bmff.core.box.FileTypeBox f) {
            return (LeafCodec<T>) LEAF_BY_TYPE.get(f.type());
        }
        return (LeafCodec<T>) LEAF_BY_CLASS.get(box.getClass());
    }

    @SuppressWarnings("unchecked")
    static <T extends ContainerBox> ContainerCodec<T> containerWriter(T box) {
        if (box instanceof dev.bmff.core.box.VisualSampleEntry v) {
            return (ContainerCodec<T>) SampleEntryCodecs.visual(v.type());
        }
        if (box instanceof dev.bmff.core.box.AudioSampleEntry a) {
            return (ContainerCodec<T>) SampleEntryCodecs.audio(a.type());
        }
        if (box instanceof dev.bmff.core.box.MetadataSampleEntry) {
            return (ContainerCodec<T>) SampleEntryCodecs.METADATA;
        }
        return (ContainerCodec<T>) CONTAINER_BY_CLASS.get(box.getClass());
    }
}

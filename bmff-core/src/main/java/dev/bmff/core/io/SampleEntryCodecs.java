package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.ContainerBox;
import dev.bmff.core.box.DataReferenceBox;
import dev.bmff.core.box.FullBox;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.TrailingBytes;
import dev.bmff.core.box.VisualSampleEntry;

import java.util.List;
import java.util.Set;

/**
 * Codecs of stsd, dref and the sample entries (ISO/IEC 14496-12 8.5.2, 8.7.2, 12.1.3, 12.2.3; QuickTime
 * File Format "Sound sample descriptions" versions 0, 1, 2).
 */
final class SampleEntryCodecs {
    private SampleEntryCodecs() {
    }

    /** Formats recognized as video or audio when the track's handler is unknown. */
    private static final Set<String> VIDEO_FORMATS = Set.of("avc1", "avc2", "avc3", "avc4", "hvc1", "hev1", "dvh1",
            "dvhe", "mp4v", "av01", "vp08", "vp09", "jpeg", "mjpa", "mjpb", "apch", "apcn", "apcs", "apco", "ap4h",
            "s263", "h263", "encv");
    private static final Set<String> AUDIO_FORMATS = Set.of("mp4a", "twos", "sowt", "ipcm", "fpcm", "lpcm", "in24",
            "in32", "fl32", "fl64", "raw ", "ulaw", "alaw", "ac-3", "ec-3", "Opus", "fLaC", "alac", "samr", "sawb",
            ".mp3", "enca", "mlpa");

    enum Kind { VIDEO, AUDIO, OTHER }

    static Kind kindOf(FourCC format, ParseContext ctx) {
        if (ctx.handlerType != null) {
            String h = ctx.handlerType.toString();
            if (h.equals("vide")) {
                return Kind.VIDEO;
            }
            if (h.equals("soun")) {
                return Kind.AUDIO;
            }
            return Kind.OTHER;
        }
        String f = format.toString();
        return VIDEO_FORMATS.contains(f) ? Kind.VIDEO : AUDIO_FORMATS.contains(f) ? Kind.AUDIO : Kind.OTHER;
    }

    /**
     * The entry count of stsd and dref: the children that are entries, not the zero padding
     * ({@link TrailingBytes}) the reader keeps after the last one, so a read file is written back as it was.
     */
    static long entryCount(List<Box> children) {
        return children.stream().filter(b -> !(b instanceof TrailingBytes)).count();
    }

    /** Builds a full box with an entry count from its version, flags and entries. */
    private interface EntryBoxFactory<T> {
        T make(int version, int flags, List<Box> entries);
    }

    /**
     * The codec of a full box whose payload is an entry count followed by the entries (stsd, dref).
     *
     * @param remember what the rest of the parse must know about the box's version (stsd's matters to
     *     the sound sample entries inside it)
     */
    private static <T extends ContainerBox & FullBox> ContainerCodec<T> countedEntries(EntryBoxFactory<T> factory,
            java.util.function.ObjIntConsumer<ParseContext> remember) {
        return new ContainerCodec<>() {
            @Override
            public Prefix read(PayloadReader in, ParseContext ctx) throws BmffFormatException {
                int version = in.u8();
                int flags = in.u24();
                long count = in.u32();
                remember.accept(ctx, version);
                return new Prefix() {
                    @Override
                    public Box build(List<Box> children) {
                        return factory.make(version, flags, children);
                    }

                    @Override
                    public long expectedChildren() {
                        return count;
                    }
                };
            }

            @Override
            public void writePrefix(T b, PayloadWriter out) {
                out.versionAndFlags(b.version(), b.flags()).u32(entryCount(b.children()));
            }
        };
    }

    /** 8.5.2 stsd. */
    static final ContainerCodec<SampleDescriptionBox> STSD = countedEntries(SampleDescriptionBox::new,
            (ctx, version) -> ctx.stsdVersion = version);

    /** 8.7.2 dref. */
    static final ContainerCodec<DataReferenceBox> DREF = countedEntries(DataReferenceBox::new, (ctx, version) -> {
    });

    /**
     * 8.5.2 SampleEntry of any other format, written only (the reader keeps such entries raw): the reserved bytes,
     * the data reference index, then the opaque fields.
     */
    static final ContainerCodec<MetadataSampleEntry> METADATA = new ContainerCodec<>() {
        @Override
        public Prefix read(PayloadReader in, ParseContext ctx) {
            return null;
        }

        @Override
        public void writePrefix(MetadataSampleEntry b, PayloadWriter out) {
            out.bytes(b.reserved()).u16(b.dataReferenceIndex()).bytes(b.fields());
        }
    };

    /** 12.1.3 VisualSampleEntry, with the QuickTime fields ISO reserves. */
    static ContainerCodec<VisualSampleEntry> visual(FourCC format) {
        return new ContainerCodec<>() {
            @Override
            public Prefix read(PayloadReader in, ParseContext ctx) throws BmffFormatException {
                Bytes reserved = in.bytes(6);
                int dri = in.u16();
                int version = in.u16();
                int revision = in.u16();
                long vendor = in.u32();
                long temporal = in.u32();
                long spatial = in.u32();
                int width = in.u16();
                int height = in.u16();
                long hres = in.u32();
                long vres = in.u32();
                long dataSize = in.u32();
                int frameCount = in.u16();
                Bytes compressor = in.bytes(32);
                int depth = in.u16();
                int colorTable = in.s16();
                if (!reserved.isAllZero()) {
                    return null;
                }
                return children -> new VisualSampleEntry(format, dri, version, revision, vendor, temporal, spatial,
                        width, height, hres, vres, dataSize, frameCount, compressor, depth, colorTable, children);
            }

            @Override
            public void writePrefix(VisualSampleEntry b, PayloadWriter out) {
                out.zeros(6).u16(b.dataReferenceIndex()).u16(b.version()).u16(b.revisionLevel()).u32(b.vendor());
                out.u32(b.temporalQuality()).u32(b.spatialQuality()).u16(b.width()).u16(b.height());
                out.u32(b.horizResolution()).u32(b.vertResolution()).u32(b.dataSize()).u16(b.frameCount());
                out.bytes(b.compressorName()).u16(b.depth()).u16(b.colorTableId() & 0xFFFF);
            }
        };
    }

    /** 12.2.3 AudioSampleEntry and QuickTime sound description versions 0, 1 and 2. */
    static ContainerCodec<AudioSampleEntry> audio(FourCC format) {
        return new ContainerCodec<>() {
            @Override
            public Prefix read(PayloadReader in, ParseContext ctx) throws BmffFormatException {
                Bytes reserved = in.bytes(6);
                int dri = in.u16();
                int version = in.u16();
                int revision = in.u16();
                long vendor = in.u32();
                int channels = in.u16();
                int sampleSize = in.u16();
                int compressionId = in.s16();
                int packetSize = in.u16();
                long rate = in.u32();
                AudioSampleEntry.QuickTimeSoundV1 v1 = null;
                AudioSampleEntry.QuickTimeSoundV2 v2 = null;
                // The QuickTime extensions exist only under a version 0 stsd; ISO's AudioSampleEntryV1
                // (stsd version 1) has the same size as version 0.
                if (ctx.stsdVersion == 0 && version == 1) {
                    v1 = new AudioSampleEntry.QuickTimeSoundV1(in.u32(), in.u32(), in.u32(), in.u32());
                } else if (ctx.stsdVersion == 0 && version == 2) {
                    v2 = new AudioSampleEntry.QuickTimeSoundV2(in.u32(), in.s64(), in.u32(), in.u32(), in.u32(),
                            in.u32(), in.u32(), in.u32());
                }
                if (!reserved.isAllZero()) {
                    return null;
                }
                AudioSampleEntry.QuickTimeSoundV1 fv1 = v1;
                AudioSampleEntry.QuickTimeSoundV2 fv2 = v2;
                return children -> new AudioSampleEntry(format, dri, version, revision, vendor, channels, sampleSize,
                        compressionId, packetSize, rate, fv1, fv2, children);
            }

            @Override
            public void writePrefix(AudioSampleEntry b, PayloadWriter out) {
                out.zeros(6).u16(b.dataReferenceIndex()).u16(b.version()).u16(b.revisionLevel()).u32(b.vendor());
                out.u16(b.channelCount()).u16(b.sampleSize()).u16(b.compressionId() & 0xFFFF);
                out.u16(b.packetSize()).u32(b.sampleRate());
                if (b.v1() != null) {
                    AudioSampleEntry.QuickTimeSoundV1 v = b.v1();
                    out.u32(v.samplesPerPacket()).u32(v.bytesPerPacket()).u32(v.bytesPerFrame())
                            .u32(v.bytesPerSample());
                } else if (b.v2() != null) {
                    AudioSampleEntry.QuickTimeSoundV2 v = b.v2();
                    out.u32(v.sizeOfStructOnly()).u64(v.audioSampleRateBits()).u32(v.numAudioChannels());
                    out.u32(v.always7F000000()).u32(v.constBitsPerChannel()).u32(v.formatSpecificFlags());
                    out.u32(v.constBytesPerAudioPacket()).u32(v.constLpcmFramesPerAudioPacket());
                }
            }
        };
    }
}

package dev.bmff.codecs.entry;

import dev.bmff.codecs.av1.Av1Configuration;
import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.h264.Sps;
import dev.bmff.codecs.h264.Vui;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.jpeg.JpegImage;
import dev.bmff.codecs.mpeg4.Mpeg4VideoConfig;
import dev.bmff.codecs.mpeg4.VideoObjectLayer;
import dev.bmff.codecs.prores.ProResFrameHeader;
import dev.bmff.codecs.prores.ProResProfile;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.VisualSampleEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds {@code avc1}/{@code avc3} and {@code hvc1}/{@code hev1} sample entries (ISO/IEC 14496-15 5.4.2,
 * 8.4.1) and {@code av01} entries (AV1-ISOBMFF 2.2) from a configuration record: width and height from the (first) SPS after cropping, the
 * configuration box, {@code pasp} always (from the VUI sample aspect ratio, 1:1 when it is absent or
 * unspecified, as ffmpeg writes it), {@code colr nclx} when the VUI has a colour description, and
 * {@code btrt} when a bitrate is known. Also {@code mp4v} for MPEG-4 Part 2 (ISO/IEC 14496-14 5.6, the VOL
 * headers in {@code esds}), and the QuickTime entries of Motion JPEG ({@code jpeg}, {@code mjpa}...) and ProRes
 * ({@code apcn}...), which carry no configuration: size from a frame, {@code fiel}, {@code pasp} and (ProRes)
 * {@code colr nclc} as ffmpeg's mov muxer writes them.
 *
 * <pre>{@code
 * VisualSampleEntry avc1 = VideoSampleEntries.avc(avcC, false, Bitrate.NONE);
 * VisualSampleEntry hev1 = VideoSampleEntries.hevc(hvcC, true, new Bitrate(0, 4_000_000, 2_000_000));
 * VisualSampleEntry av01 = VideoSampleEntries.av1(Av1Configuration.of(sequenceHeaderObu), Bitrate.NONE);
 * VisualSampleEntry mp4v = VideoSampleEntries.mpeg4(Mpeg4VideoConfig.parse(volHeaders), Bitrate.NONE);
 * VisualSampleEntry jpeg = VideoSampleEntries.motionJpeg(VideoSampleEntries.JPEG, JpegImage.scan(f, 0, f.length, f.length));
 * VisualSampleEntry apch = VideoSampleEntries.proRes(ProResProfile.HQ, ProResFrameHeader.parse(f, 0, f.length));
 * }</pre>
 */
public final class VideoSampleEntries {
    public static final FourCC AVC1 = FourCC.of("avc1");
    public static final FourCC AVC3 = FourCC.of("avc3");
    public static final FourCC HVC1 = FourCC.of("hvc1");
    public static final FourCC HEV1 = FourCC.of("hev1");
    public static final FourCC AV01 = FourCC.of("av01");
    /** MPEG-4 Part 2 video (ISO/IEC 14496-14). */
    public static final FourCC MP4V = FourCC.of("mp4v");
    /** QuickTime Photo-JPEG / Motion JPEG, one image per sample. */
    public static final FourCC JPEG = FourCC.of("jpeg");
    /** Motion-JPEG format A: one or two fields per sample, each an image with an {@code mjpg} APP1 segment. */
    public static final FourCC MJPA = FourCC.of("mjpa");
    /** The Motion JPEG sample entry types: {@code jpeg}, {@code mjpa}, {@code mjpb}, {@code AVDJ}, {@code dmb1}. */
    public static final Set<FourCC> MOTION_JPEG = Set.of(JPEG, MJPA, FourCC.of("mjpb"), FourCC.of("AVDJ"),
            FourCC.of("dmb1"));
    /** objectTypeIndication of MPEG-4 Visual in esds (ISO/IEC 14496-1 Table 5). */
    public static final int MPEG4_VISUAL = 0x20;
    /** objectTypeIndication of JPEG (ISO/IEC 10918-1) in esds: how ffmpeg stores Motion JPEG in an .mp4. */
    public static final int JPEG_OBJECT_TYPE = 0x6C;
    static final FourCC AVCC = FourCC.of("avcC");
    static final FourCC AV1C = FourCC.of("av1C");
    static final FourCC HVCC = FourCC.of("hvcC");

    private VideoSampleEntries() {
    }

    /**
     * An H.264 entry.
     *
     * @param inBandParameterSets true for {@code avc3} (parameter sets may also be in the samples), false
     *     for {@code avc1}
     * @throws BitstreamException when the record has no SPS or its first SPS does not parse
     */
    public static VisualSampleEntry avc(AvcConfiguration config, boolean inBandParameterSets, Bitrate bitrate)
            throws BitstreamException {
        if (config.sequenceParameterSets().isEmpty()) {
            throw new BitstreamException(Kind.MISSING, -1, "avcC: no SPS to take the picture size from");
        }
        Sps sps = Sps.parse(config.sequenceParameterSets().get(0).toArray());
        Vui vui = sps.vui();
        int[] sar = vui != null && vui.aspectRatioInfoPresent() ? vui.sampleAspectRatio() : new int[] {0, 0};
        ColourDescription colour = vui != null && vui.colourDescriptionPresent()
                ? new ColourDescription(vui.colourPrimaries(), vui.transferCharacteristics(),
                        vui.matrixCoefficients(), vui.videoFullRange())
                : null;
        return entry(inBandParameterSets ? AVC3 : AVC1, sps.width(), sps.height(),
                RawBox.of(AVCC, config.toBytes()), sar, colour, bitrate);
    }

    /**
     * An HEVC entry.
     *
     * @param inBandParameterSets true for {@code hev1}, false for {@code hvc1}
     * @throws BitstreamException when the record has no SPS or its first SPS does not parse
     */
    public static VisualSampleEntry hevc(HevcConfiguration config, boolean inBandParameterSets, Bitrate bitrate)
            throws BitstreamException {
        List<dev.bmff.core.box.Bytes> spss = config.nalUnits(NalHeader.SPS_NUT);
        if (spss.isEmpty()) {
            throw new BitstreamException(Kind.MISSING, -1, "hvcC: no SPS to take the picture size from");
        }
        dev.bmff.codecs.hevc.Sps sps = dev.bmff.codecs.hevc.Sps.parse(spss.get(0).toArray());
        int[] sar = {0, 0};
        ColourDescription colour = null;
        if (sps.vui().isPresent()) {
            dev.bmff.codecs.hevc.Vui vui = sps.vui().get();
            sar = hevcSar(vui);
            // The parser infers 2 (unspecified) for all three when colour_description_present_flag is 0.
            if (vui.colourPrimaries() != 2 || vui.transferCharacteristics() != 2 || vui.matrixCoeffs() != 2) {
                colour = new ColourDescription(vui.colourPrimaries(), vui.transferCharacteristics(),
                        vui.matrixCoeffs(), vui.videoFullRange());
            }
        }
        return entry(inBandParameterSets ? HEV1 : HVC1, sps.displayWidth(), sps.displayHeight(),
                RawBox.of(HVCC, config.toBytes()), sar, colour, bitrate);
    }

    /**
     * {@code entry} with the HDR boxes of {@code hdr} ({@code mdcv}, {@code clli}) after its {@code colr} (or its
     * configuration box); an entry that has them already keeps its own.
     */
    public static VisualSampleEntry withHdr(VisualSampleEntry entry, HdrMetadata hdr) {
        List<Box> children = new ArrayList<>(entry.children());
        int at = 1;
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).type().equals(VideoBoxes.COLR)) {
                at = i + 1;
            }
        }
        at = Math.min(at, children.size());
        boolean hasLight = children.stream().anyMatch(b -> b.type().equals(VideoBoxes.CLLI));
        boolean hasMastering = children.stream().anyMatch(b -> b.type().equals(VideoBoxes.MDCV));
        if (hdr.contentLightLevel() != null && !hasLight) {
            children.add(at, VideoBoxes.clli(hdr.contentLightLevel()));
        }
        if (hdr.masteringDisplay() != null && !hasMastering) {
            children.add(at, VideoBoxes.mdcv(hdr.masteringDisplay()));
        }
        return new VisualSampleEntry(entry.type(), entry.dataReferenceIndex(), entry.version(), entry.revisionLevel(),
                entry.vendor(), entry.temporalQuality(), entry.spatialQuality(), entry.width(), entry.height(),
                entry.horizResolution(), entry.vertResolution(), entry.dataSize(), entry.frameCount(),
                entry.compressorName(), entry.depth(), entry.colorTableId(), children);
    }

    /**
     * An AV1 entry: width and height from the sequence header's largest frame, {@code av1C}, {@code colr nclx} when
     * the sequence header describes its colour, {@code pasp} 1:1 (AV1 has no sample aspect ratio; a render size is
     * per frame).
     *
     * @throws BitstreamException when configOBUs hold no sequence header, or it does not parse
     */
    public static VisualSampleEntry av1(Av1Configuration config, Bitrate bitrate) throws BitstreamException {
        SequenceHeader s = config.sequenceHeader().orElseThrow(() -> new BitstreamException(Kind.MISSING, -1,
                "av1C: no sequence header to take the picture size from"));
        ColourDescription colour = s.colourPrimaries() != 2 || s.transferCharacteristics() != 2
                || s.matrixCoefficients() != 2 ? new ColourDescription(s.colourPrimaries(),
                        s.transferCharacteristics(), s.matrixCoefficients(), s.fullRange()) : null;
        return entry(AV01, s.maxFrameWidth(), s.maxFrameHeight(), RawBox.of(AV1C, config.toBytes()), new int[] {0, 0},
                colour, bitrate);
    }

    /**
     * An {@code mp4v} entry: the size from the VOL, an {@code esds} (objectTypeIndication 0x20, stream type 4,
     * ES_ID 1) whose DecoderSpecificInfo is {@code config}'s headers as given, {@code pasp} from the VOL's pixel
     * aspect ratio (1:1 when unknown), {@code btrt} when a bitrate is known.
     *
     * @throws BitstreamException when the VOL has no picture size (a shape other than rectangular)
     */
    public static VisualSampleEntry mpeg4(Mpeg4VideoConfig config, Bitrate bitrate) throws BitstreamException {
        VideoObjectLayer vol = config.vol();
        if (vol.width() == 0 || vol.height() == 0) {
            throw new BitstreamException(Kind.UNSUPPORTED, -1, "VOL of shape " + vol.shape() + " has no picture size");
        }
        EsDescriptor es = new EsDescriptor(1, 0, -1, null, -1, MPEG4_VISUAL, 4, false, bitrate.bufferSizeDb(),
                bitrate.maxBitrate(), bitrate.avgBitrate(), config.bytes(), 2, 4);
        return entry(MP4V, vol.width(), vol.height(), RawBox.of(AudioSampleEntries.ESDS, es.toEsdsPayload().toArray()),
                new int[] {vol.parWidth(), vol.parHeight()}, null, bitrate);
    }

    /**
     * A Motion JPEG entry of {@code type} ({@code jpeg}, {@code mjpa}, ...; see {@link #MOTION_JPEG}) for frames like
     * {@code firstFrame}: its size (for {@code mjpa}, a field of an interlaced frame: twice its height when the
     * field says another follows), {@code fiel} (one field, or two for such {@code mjpa}), {@code pasp} 1:1.
     *
     * @throws IllegalArgumentException when {@code type} is no Motion JPEG type
     */
    public static VisualSampleEntry motionJpeg(FourCC type, JpegImage firstFrame) {
        if (!MOTION_JPEG.contains(type)) {
            throw new IllegalArgumentException(type + " is no Motion JPEG sample entry type");
        }
        boolean twoFields = firstFrame.appleField().map(f -> f.nextFieldOffset() > 0).orElse(false);
        int height = firstFrame.frameHeader().height() * (twoFields ? 2 : 1);
        List<Box> children = new ArrayList<>();
        // fiel: two fields, top first in separate images (QuickTime detail 1), or one.
        children.add(VideoBoxes.fiel(twoFields ? 2 : 1, twoFields ? 1 : 0));
        children.add(VideoBoxes.pasp(1, 1));
        return quickTime(type, firstFrame.frameHeader().width(), height, "Photo - JPEG", 24, children);
    }

    /**
     * A ProRes entry of {@code profile} for frames like {@code header}: its size, {@code fiel} from its interlace
     * mode (as ffmpeg writes it: 1 field, or 2 with top or bottom first), {@code colr nclc} when it names its colours,
     * {@code pasp} 1:1, depth 32 when it carries alpha (24 otherwise) and Apple's compressor name.
     */
    public static VisualSampleEntry proRes(ProResProfile profile, ProResFrameHeader header) {
        List<Box> children = new ArrayList<>();
        int detail = header.interlaceMode() == 1 ? 1 : header.interlaceMode() == 2 ? 6 : 0;
        children.add(VideoBoxes.fiel(header.interlaced() ? 2 : 1, detail));
        if (named(header.colorPrimaries()) || named(header.transferCharacteristic())
                || named(header.matrixCoefficients())) {
            children.add(VideoBoxes.colrNclc(header.colorPrimaries(), header.transferCharacteristic(),
                    header.matrixCoefficients()));
        }
        children.add(VideoBoxes.pasp(1, 1));
        return quickTime(FourCC.of(profile.fourcc()), header.width(), header.height(),
                "Apple ProRes " + profile.displayName(), header.alphaChannelType() > 0 ? 32 : 24, children);
    }

    /** A colour code point that says something: not 0 (reserved/unknown in ProRes) and not 2 (unspecified). */
    private static boolean named(int codePoint) {
        return codePoint != 0 && codePoint != 2;
    }

    private static VisualSampleEntry quickTime(FourCC type, int width, int height, String compressor, int depth,
            List<Box> children) {
        byte[] name = new byte[32];
        byte[] text = compressor.getBytes(StandardCharsets.ISO_8859_1);
        name[0] = (byte) Math.min(31, text.length);
        System.arraycopy(text, 0, name, 1, name[0]);
        return new VisualSampleEntry(type, 1, 0, 0, 0, 0x200, 0x200, width, height, 0x00480000L, 0x00480000L, 0, 1,
                Bytes.of(name), depth, -1, children);
    }

    private static int[] hevcSar(dev.bmff.codecs.hevc.Vui vui) {
        // Table E-1 is the same in both standards.
        int idc = vui.aspectRatioIdc();
        if (idc == 255) {
            return new int[] {vui.sarWidth(), vui.sarHeight()};
        }
        int[][] table = {{0, 0}, {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11}, {20, 11}, {32, 11},
            {80, 33}, {18, 11}, {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1}};
        return idc < table.length ? table[idc].clone() : new int[] {0, 0};
    }

    private static VisualSampleEntry entry(FourCC type, int width, int height, Box config, int[] sar,
            ColourDescription colour, Bitrate bitrate) {
        List<Box> children = new ArrayList<>();
        children.add(config);
        if (colour != null) {
            children.add(VideoBoxes.colrNclx(colour));
        }
        boolean sarKnown = sar[0] > 0 && sar[1] > 0;
        children.add(VideoBoxes.pasp(sarKnown ? sar[0] : 1, sarKnown ? sar[1] : 1));
        if (bitrate.known()) {
            children.add(VideoBoxes.btrt(bitrate));
        }
        return VisualSampleEntry.of(type, width, height, children);
    }
}

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
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.VisualSampleEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code avc1}/{@code avc3} and {@code hvc1}/{@code hev1} sample entries (ISO/IEC 14496-15 5.4.2,
 * 8.4.1) and {@code av01} entries (AV1-ISOBMFF 2.2) from a configuration record: width and height from the (first) SPS after cropping, the
 * configuration box, {@code pasp} always (from the VUI sample aspect ratio, 1:1 when it is absent or
 * unspecified, as ffmpeg writes it), {@code colr nclx} when the VUI has a colour description, and
 * {@code btrt} when a bitrate is known.
 *
 * <pre>{@code
 * VisualSampleEntry avc1 = VideoSampleEntries.avc(avcC, false, Bitrate.NONE);
 * VisualSampleEntry hev1 = VideoSampleEntries.hevc(hvcC, true, new Bitrate(0, 4_000_000, 2_000_000));
 * VisualSampleEntry av01 = VideoSampleEntries.av1(Av1Configuration.of(sequenceHeaderObu), Bitrate.NONE);
 * }</pre>
 */
public final class VideoSampleEntries {
    public static final FourCC AVC1 = FourCC.of("avc1");
    public static final FourCC AVC3 = FourCC.of("avc3");
    public static final FourCC HVC1 = FourCC.of("hvc1");
    public static final FourCC HEV1 = FourCC.of("hev1");
    public static final FourCC AV01 = FourCC.of("av01");
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

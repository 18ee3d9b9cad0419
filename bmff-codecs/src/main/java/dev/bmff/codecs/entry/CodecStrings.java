package dev.bmff.codecs.entry;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.av1.Av1Configuration;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.mpa.MpegAudioHeader;
import dev.bmff.codecs.mpeg4.Mpeg4VideoConfig;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.VisualSampleEntry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The RFC 6381 {@code codecs} parameter of a sample entry, as an HLS multivariant playlist's {@code CODECS} and
 * {@code MediaSource.isTypeSupported} take it: {@code avc1.PPCCLL} (ISO/IEC 14496-15 annex A: profile,
 * compatibility and level bytes of the avcC in hex), {@code hvc1.P.C.TL.B} (annex E: profile space and idc, the
 * compatibility flags bit-reversed, tier and level, the constraint bytes without trailing zeros),
 * {@code av01.P.LLT.DD} (AV1 in ISOBMFF, "Codecs Parameter String": profile, seq_level_idx, tier M or H, bit depth),
 * {@code mp4v.20.PL} (RFC 6381 3.3: MPEG-4 Visual with its profile_and_level_indication in decimal),
 * {@code mp4a.40.AOT} for AAC and {@code mp4a.6B} / {@code mp4a.69} for MP3 (RFC 6381 3.3: the objectTypeIndication
 * in hex), and the names the codecs' own MP4 bindings register: {@code opus} (Opus in ISOBMFF), {@code flac} (FLAC
 * in ISOBMFF), {@code ac-3} and {@code ec-3} (ETSI TS 102 366 annex F), {@code alac}. Browsers match these names
 * case-sensitively, so {@code Opus} and {@code fLaC}, the sample entry types, are not used.
 *
 * <pre>{@code
 * CodecStrings.of(List.of(videoEntry, audioEntry));   // Optional["avc1.64001f,mp4a.40.2"]
 * }</pre>
 */
public final class CodecStrings {
    private CodecStrings() {
    }

    /** The entry's codecs string; empty for a format this library cannot name. */
    public static Optional<String> of(SampleEntry entry) throws BitstreamException {
        String type = entry.type().toString();
        if (entry instanceof VisualSampleEntry v) {
            Optional<byte[]> avcC = ConfigBoxes.find(v, VideoSampleEntries.AVCC);
            if (avcC.isPresent()) {
                AvcConfiguration c = AvcConfiguration.parse(avcC.get());
                return Optional.of(String.format(Locale.ROOT, "%s.%02x%02x%02x", type, c.profileIndication(),
                        c.profileCompatibility(), c.levelIndication()));
            }
            Optional<byte[]> hvcC = ConfigBoxes.find(v, VideoSampleEntries.HVCC);
            if (hvcC.isPresent()) {
                return Optional.of(hevc(type, HevcConfiguration.parse(hvcC.get())));
            }
            Optional<byte[]> av1C = ConfigBoxes.find(v, VideoSampleEntries.AV1C);
            if (av1C.isPresent()) {
                Av1Configuration c = Av1Configuration.parse(av1C.get());
                return Optional.of(String.format(Locale.ROOT, "av01.%d.%02d%c.%02d", c.profile(), c.level(),
                        c.tier() == 0 ? 'M' : 'H', c.bitDepth()));
            }
            Optional<byte[]> esds = ConfigBoxes.find(v, AudioSampleEntries.ESDS);
            if (esds.isPresent() && type.equals("mp4v")) {
                EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(esds.get()));
                if (es.objectTypeIndication() == VideoSampleEntries.MPEG4_VISUAL && es.decoderSpecificInfo() != null) {
                    int pl = Mpeg4VideoConfig.parse(es.decoderSpecificInfo().toArray()).profileAndLevel();
                    return Optional.of(pl >= 0 ? "mp4v.20." + pl : "mp4v.20");
                }
            }
        } else if (entry instanceof AudioSampleEntry a) {
            Optional<byte[]> esds = ConfigBoxes.find(a, AudioSampleEntries.ESDS);
            if (esds.isPresent()) {
                EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(esds.get()));
                if (es.objectTypeIndication() == 0x40 && es.decoderSpecificInfo() != null) {
                    int aot = AudioSpecificConfig.parse(es.decoderSpecificInfo().toArray()).audioObjectType();
                    return Optional.of("mp4a.40." + aot);
                }
                if (es.objectTypeIndication() == MpegAudioHeader.OTI_MPEG1
                        || es.objectTypeIndication() == MpegAudioHeader.OTI_MPEG2) {
                    return Optional.of(String.format(Locale.ROOT, "mp4a.%02X", es.objectTypeIndication()));
                }
            }
            if (a.type().equals(AudioSampleEntries.OPUS)) {
                return Optional.of("opus");
            }
            if (a.type().equals(AudioSampleEntries.FLAC)) {
                return Optional.of("flac");
            }
            if (a.type().equals(AudioSampleEntries.AC3)) {
                return Optional.of("ac-3");
            }
            if (a.type().equals(AudioSampleEntries.EAC3)) {
                return Optional.of("ec-3");
            }
            if (a.type().equals(AudioSampleEntries.ALAC)) {
                return Optional.of("alac");
            }
        }
        return Optional.empty();
    }

    /** The codecs of all {@code entries}, comma-separated; empty when one of them cannot be named. */
    public static Optional<String> of(List<? extends SampleEntry> entries) throws BitstreamException {
        StringBuilder sb = new StringBuilder();
        for (SampleEntry e : entries) {
            Optional<String> one = of(e);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            sb.append(sb.length() == 0 ? "" : ",").append(one.get());
        }
        return sb.length() == 0 ? Optional.empty() : Optional.of(sb.toString());
    }

    private static String hevc(String type, HevcConfiguration c) {
        StringBuilder sb = new StringBuilder(type).append('.');
        if (c.profileSpace() > 0) {
            sb.append((char) ('A' + c.profileSpace() - 1));
        }
        sb.append(c.profileIdc()).append('.');
        sb.append(Integer.toHexString(Integer.reverse(c.compatibilityFlags())).toUpperCase(Locale.ROOT)).append('.');
        sb.append(c.tier() ? 'H' : 'L').append(c.levelIdc());
        // Six constraint bytes, trailing zero bytes left out.
        long flags = c.constraintIndicatorFlags();
        int last = -1;
        for (int i = 0; i < 6; i++) {
            if (((flags >>> (40 - 8 * i)) & 0xFF) != 0) {
                last = i;
            }
        }
        for (int i = 0; i <= last; i++) {
            sb.append('.').append(Long.toHexString((flags >>> (40 - 8 * i)) & 0xFF).toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }
}

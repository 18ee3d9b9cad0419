package dev.bmff.codecs.entry;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
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
 * compatibility flags bit-reversed, tier and level, the constraint bytes without trailing zeros), and
 * {@code mp4a.40.AOT} (RFC 6381 3.3).
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
        } else if (entry instanceof AudioSampleEntry a) {
            Optional<byte[]> esds = ConfigBoxes.find(a, AudioSampleEntries.ESDS);
            if (esds.isPresent()) {
                EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(esds.get()));
                if (es.objectTypeIndication() == 0x40 && es.decoderSpecificInfo() != null) {
                    int aot = AudioSpecificConfig.parse(es.decoderSpecificInfo().toArray()).audioObjectType();
                    return Optional.of("mp4a.40." + aot);
                }
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

package dev.bmff.codecs.entry;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.codecs.jpeg.JpegImage;
import dev.bmff.codecs.mpeg4.Mpeg4VideoConfig;
import dev.bmff.codecs.pcm.PcmFormat;
import dev.bmff.codecs.prores.ProResFrameHeader;
import dev.bmff.codecs.prores.ProResProfile;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.VisualSampleEntry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a sample entry says about its stream, decoded from its configuration box: picture size, profile,
 * level, bit depth and chroma format of H.264 ({@code avcC}) and HEVC ({@code hvcC}) video and of MPEG-4 Part 2
 * video (the VOS and VOL headers in {@code mp4v}'s {@code esds}); the picture size of Motion JPEG and the profile
 * and chroma format of ProRes (from the sample entry type; {@link #of(SampleEntry, byte[])} refines both from a
 * frame); rate, channels and object type of AAC ({@code esds}); rate, channels and sample size of PCM.
 *
 * <pre>{@code
 * CodecParameters p = CodecParameters.of(sampleEntry);
 * System.out.println(p.describe());     // "H.264 High@3.0 320x240 8-bit 4:2:0"
 * }</pre>
 */
public sealed interface CodecParameters {
    /** The sample entry type, e.g. {@code avc1}. */
    String codec();

    /** One line for people, e.g. "AAC LC 48000 Hz 2 ch". */
    String describe();

    /** The parameters as ordered name-value pairs (numbers and strings), for JSON output. */
    Map<String, Object> fields();

    /**
     * Decodes {@code entry}. Entries this library does not know give {@link Other}.
     *
     * @throws BitstreamException when the configuration box is missing or malformed
     */
    static CodecParameters of(SampleEntry entry) throws BitstreamException {
        String codec = entry.type().toString();
        if (entry instanceof VisualSampleEntry v) {
            Optional<byte[]> avcC = child(v, VideoSampleEntries.AVCC);
            if (avcC.isPresent()) {
                return Video.ofAvc(codec, AvcConfiguration.parse(avcC.get()));
            }
            Optional<byte[]> hvcC = child(v, VideoSampleEntries.HVCC);
            if (hvcC.isPresent()) {
                return Video.ofHevc(codec, HevcConfiguration.parse(hvcC.get()));
            }
            Optional<byte[]> esds = child(v, AudioSampleEntries.ESDS);
            if (esds.isPresent()) {
                EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(esds.get()));
                if (es.objectTypeIndication() == VideoSampleEntries.MPEG4_VISUAL) {
                    if (es.decoderSpecificInfo() == null) {
                        throw new BitstreamException(Kind.MISSING, -1, codec + " esds: no DecoderSpecificInfo (VOL)");
                    }
                    return Video.ofMpeg4(codec, Mpeg4VideoConfig.parse(es.decoderSpecificInfo().toArray()));
                }
                if (es.objectTypeIndication() == VideoSampleEntries.JPEG_OBJECT_TYPE) {
                    return Video.ofJpeg(codec, v, null);
                }
            }
            if (VideoSampleEntries.MOTION_JPEG.contains(v.type())) {
                return Video.ofJpeg(codec, v, null);
            }
            Optional<ProResProfile> prores = ProResProfile.of(codec);
            if (prores.isPresent()) {
                return Video.ofProRes(codec, prores.get(), v, null);
            }
        } else if (entry instanceof AudioSampleEntry a) {
            Optional<byte[]> esds = child(a, AudioSampleEntries.ESDS);
            if (esds.isPresent()) {
                EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(esds.get()));
                if (es.objectTypeIndication() == 0x40 && es.decoderSpecificInfo() != null) {
                    AudioSpecificConfig asc = AudioSpecificConfig.parse(es.decoderSpecificInfo().toArray());
                    int channels = asc.channelCount() > 0 ? asc.channelCount() : (int) a.channels();
                    return new Audio(codec, "AAC", asc.outputSamplingFrequency(), channels, asc.audioObjectType(), 0);
                }
            }
            if (PcmFormat.FORMATS.contains(a.type())) {
                try {
                    PcmFormat pcm = PcmFormat.of(a);
                    return new Audio(codec, "PCM", pcm.sampleRate(), pcm.channels(), 0, pcm.bitsPerSample());
                } catch (IllegalArgumentException inconsistent) {
                    throw new BitstreamException(Kind.INVALID, -1, codec + " sample entry: " + inconsistent.getMessage(),
                            inconsistent);
                }
            }
        }
        return new Other(codec);
    }

    /**
     * {@link #of(SampleEntry)}, with what only a frame tells for the formats whose sample entry has no
     * configuration box: the chroma format and precision of Motion JPEG (its SOF), the chroma format and size of
     * ProRes (its frame header). Other formats ignore {@code firstSample}.
     *
     * <pre>{@code
     * CodecParameters p = CodecParameters.of(jpegEntry, firstFrameBytes);   // "Motion JPEG baseline 64x48 8-bit 4:2:0"
     * }</pre>
     *
     * @throws BitstreamException when the configuration box or the frame is malformed
     */
    static CodecParameters of(SampleEntry entry, byte[] firstSample) throws BitstreamException {
        CodecParameters p = of(entry);
        if (p instanceof Video v && entry instanceof VisualSampleEntry ve && firstSample != null) {
            if (v.format().equals(Video.MOTION_JPEG)) {
                return Video.ofJpeg(v.codec(), ve, JpegImage.scan(firstSample, 0, firstSample.length,
                        firstSample.length));
            }
            if (v.format().equals(Video.PRORES)) {
                return Video.ofProRes(v.codec(), ProResProfile.of(v.codec()).orElseThrow(), ve,
                        ProResFrameHeader.parse(firstSample, 0, firstSample.length));
            }
        }
        return p;
    }

    private static Optional<byte[]> child(SampleEntry entry, FourCC type) {
        return ConfigBoxes.find(entry, type);
    }

    /**
     * Video: H.264, HEVC, MPEG-4 Part 2, Motion JPEG or ProRes.
     *
     * @param format "H.264", "HEVC", "MPEG-4 Visual", "Motion JPEG" or "ProRes"
     * @param profile profile_idc, general_profile_idc, profile_and_level_indication (MPEG-4 Visual, -1 without a
     *     VOS header), the SOF marker (Motion JPEG, 0 when no frame was read) or the ProRes profile's ordinal
     *     (0 Proxy to 5 4444 XQ)
     * @param level level_idc (10 x level), general_level_idc (30 x level), the level of profile_and_level_indication
     *     (MPEG-4 Visual); -1 for formats without levels
     * @param bitDepth luma bit depth (Motion JPEG: sample precision; 0 when not known from the sample entry alone)
     * @param chroma "4:0:0", "4:2:0", "4:2:2" or "4:4:4" ("" when not known from the sample entry alone)
     */
    record Video(String codec, String format, int width, int height, int profile, String profileName, int level,
            int bitDepth, String chroma) implements CodecParameters {
        static final String MPEG4 = "MPEG-4 Visual";
        static final String MOTION_JPEG = "Motion JPEG";
        /** The format name of ProRes. */
        public static final String PRORES = "ProRes";

        static Video ofMpeg4(String codec, Mpeg4VideoConfig c) {
            return new Video(codec, MPEG4, c.vol().width(), c.vol().height(), c.profileAndLevel(), c.profileName(),
                    c.level(), 8, "4:2:0");
        }

        /** From the sample entry's size, and when {@code frame} is given, its SOF. */
        static Video ofJpeg(String codec, VisualSampleEntry entry, JpegImage frame) {
            if (frame == null) {
                return new Video(codec, MOTION_JPEG, entry.width(), entry.height(), 0, "", -1, 0, "");
            }
            var sof = frame.frameHeader();
            // ffprobe's names: SOF0 Baseline, SOF1 extended, SOF2 progressive, SOF3 lossless.
            String name = switch (sof.marker()) {
                case 0xC0 -> "Baseline";
                case 0xC1 -> "Sequential";
                case 0xC2 -> "Progressive";
                case 0xC3 -> "Lossless";
                default -> String.format("SOF%d", sof.marker() - 0xC0);
            };
            return new Video(codec, MOTION_JPEG, sof.width(), sof.height() > 0 ? sof.height() : entry.height(),
                    sof.marker(), name, -1, sof.precision(), sof.chroma());
        }

        /** From the profile the sample entry type names, and when {@code frame} is given, its header. */
        static Video ofProRes(String codec, ProResProfile p, VisualSampleEntry entry, ProResFrameHeader frame) {
            int depth = p.mayHaveAlpha() ? 12 : 10;
            if (frame == null) {
                return new Video(codec, PRORES, entry.width(), entry.height(), p.ordinal(), p.displayName(), -1, depth,
                        p.chroma());
            }
            return new Video(codec, PRORES, frame.width(), frame.height(), p.ordinal(), p.displayName(), -1, depth,
                    frame.chroma());
        }
        static Video ofAvc(String codec, AvcConfiguration c) throws BitstreamException {
            if (c.sequenceParameterSets().isEmpty()) {
                throw new BitstreamException(Kind.MISSING, -1, "avcC: no SPS");
            }
            dev.bmff.codecs.h264.Sps sps = dev.bmff.codecs.h264.Sps.parse(c.sequenceParameterSets().get(0).toArray());
            return new Video(codec, "H.264", sps.width(), sps.height(), sps.profileIdc(), sps.profileName(),
                    sps.levelIdc(), sps.bitDepthLuma(), sps.chroma());
        }

        static Video ofHevc(String codec, HevcConfiguration c) throws BitstreamException {
            var spss = c.nalUnits(NalHeader.SPS_NUT);
            if (spss.isEmpty()) {
                throw new BitstreamException(Kind.MISSING, -1, "hvcC: no SPS");
            }
            dev.bmff.codecs.hevc.Sps sps = dev.bmff.codecs.hevc.Sps.parse(spss.get(0).toArray());
            int profile = sps.profileTierLevel().profileIdc();
            return new Video(codec, "HEVC", sps.displayWidth(), sps.displayHeight(), profile, hevcProfileName(profile),
                    sps.profileTierLevel().levelIdc(), sps.bitDepthLuma(), sps.chromaFormat());
        }

        private static String hevcProfileName(int idc) {
            return switch (idc) {
                case 1 -> "Main";
                case 2 -> "Main 10";
                case 3 -> "Main Still Picture";
                case 4 -> "Rext";
                default -> "profile " + idc;
            };
        }

        /**
         * The level as people write it: level_idc / 10 for H.264 (9 is "1b"), general_level_idc / 30 for HEVC, the
         * number for MPEG-4 Visual; "" for formats without levels.
         */
        public String levelName() {
            if (level < 0) {
                return "";
            }
            if (format.equals(MPEG4)) {
                return String.valueOf(level);
            }
            if (format.equals("HEVC")) {
                return level % 30 == 0 ? String.valueOf(level / 30) : String.format(Locale.ROOT, "%.1f", level / 30.0);
            }
            return level == 9 ? "1b" : String.format(Locale.ROOT, "%.1f", level / 10.0);
        }

        @Override
        public String describe() {
            String profilePart = profileName.isEmpty() ? "" : " " + profileName
                    + (levelName().isEmpty() ? "" : "@" + levelName());
            return format + profilePart + " " + width + "x" + height + (bitDepth > 0 ? " " + bitDepth + "-bit" : "")
                    + (chroma.isEmpty() ? "" : " " + chroma);
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("width", width);
            m.put("height", height);
            m.put("profile", profile);
            if (!profileName.isEmpty() && !format.equals("H.264") && !format.equals("HEVC")) {
                m.put("profileName", profileName);
            }
            if (level >= 0) {
                m.put("level", level);
            }
            if (bitDepth > 0) {
                m.put("bitDepth", bitDepth);
            }
            if (!chroma.isEmpty()) {
                m.put("chroma", chroma);
            }
            return m;
        }
    }

    /**
     * AAC or PCM audio.
     *
     * @param objectType the AudioSpecificConfig audioObjectType (the core type with explicit SBR/PS), 0 for PCM
     * @param bitsPerSample for PCM, 0 for AAC
     */
    record Audio(String codec, String format, double sampleRate, int channels, int objectType, int bitsPerSample)
            implements CodecParameters {
        @Override
        public String describe() {
            String rate = sampleRate == Math.rint(sampleRate) ? String.valueOf((long) sampleRate)
                    : String.valueOf(sampleRate);
            return format + (objectType > 0 ? " object type " + objectType : " " + bitsPerSample + "-bit") + " " + rate
                    + " Hz " + channels + " ch";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sampleRate", sampleRate == Math.rint(sampleRate) ? (Object) (long) sampleRate : sampleRate);
            m.put("channels", channels);
            if (objectType > 0) {
                m.put("objectType", objectType);
            } else {
                m.put("bitsPerSample", bitsPerSample);
            }
            return m;
        }
    }

    /** A sample entry whose parameters this library does not decode. */
    record Other(String codec) implements CodecParameters {
        @Override
        public String describe() {
            return codec + " (parameters not decoded)";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of();
        }
    }
}

package dev.bmff.codecs.entry;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.ac3.Ac3Specific;
import dev.bmff.codecs.ac3.Eac3Specific;
import dev.bmff.codecs.alac.AlacConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.av1.Av1Configuration;
import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.flac.StreamInfo;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.hevc.NalHeader;
import dev.bmff.codecs.mpa.MpegAudioHeader;
import dev.bmff.codecs.opus.OpusConfiguration;
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
 * level, bit depth and chroma format of H.264 ({@code avcC}), HEVC ({@code hvcC}) and AV1 ({@code av1C}) video and
 * of MPEG-4 Part 2 video (the VOS and VOL headers in {@code mp4v}'s {@code esds}); the picture size of Motion JPEG and
 * the profile and chroma format of ProRes (from the sample entry type; {@link #of(SampleEntry, byte[])} refines both
 * from a frame); rate, channels and object type of AAC ({@code esds}); rate, channels and pre-skip of Opus
 * ({@code dOps}); rate, channels and sample size of PCM, FLAC ({@code dfLa}) and ALAC (its magic cookie); rate,
 * channels and bitrate of MP3 ({@code esds} object type 0x6B/0x69, or {@code .mp3}), AC-3 ({@code dac3}) and E-AC-3
 * ({@code dec3}).
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
            Optional<byte[]> av1C = child(v, VideoSampleEntries.AV1C);
            if (av1C.isPresent()) {
                return Video.ofAv1(codec, Av1Configuration.parse(av1C.get()), v.width(), v.height());
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
                if (es.objectTypeIndication() == MpegAudioHeader.OTI_MPEG1
                        || es.objectTypeIndication() == MpegAudioHeader.OTI_MPEG2) {
                    long bitrate = es.avgBitrate() > 0 ? es.avgBitrate() : es.maxBitrate();
                    return new Audio(codec, "MP3", a.sampleRateHz(), (int) a.channels(), 0, 0, bitrate);
                }
            }
            Optional<CodecParameters> lossless = losslessOrDolby(codec, a);
            if (lossless.isPresent()) {
                return lossless.get();
            }
            Optional<byte[]> dOps = child(a, AudioSampleEntries.DOPS);
            if (dOps.isPresent()) {
                OpusConfiguration o = OpusConfiguration.parse(dOps.get());
                return new Audio(codec, "Opus", 48000, o.channels(), 0, 0, 0, o.preSkip());
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
     * Decodes {@code entry} as {@link #of(SampleEntry)} does, and where the configuration does not say what the frames
     * do, takes it from the track's first sample: the chroma format and precision of Motion JPEG (its SOF), the
     * chroma format and size of ProRes (its frame header), the rate and channel mode of MP3 (its frame header: muxers
     * write a channel count of 2 in the sample entry of a mono MP3 too). Other formats ignore {@code firstSample}.
     *
     * <pre>{@code
     * CodecParameters p = CodecParameters.of(jpegEntry, firstFrameBytes);   // "Motion JPEG baseline 64x48 8-bit 4:2:0"
     * }</pre>
     *
     * @param firstSample the track's first sample (for MP3 its first 4 bytes are enough), or null
     * @throws BitstreamException when the configuration box or the Motion JPEG / ProRes frame is malformed
     */
    static CodecParameters of(SampleEntry entry, byte[] firstSample) throws BitstreamException {
        CodecParameters p = of(entry);
        if (p instanceof Audio a && a.format().equals("MP3") && firstSample != null
                && MpegAudioHeader.isSync(firstSample, 0)) {
            try {
                MpegAudioHeader h = MpegAudioHeader.parse(firstSample, 0);
                return new Audio(a.codec(), h.format(), h.sampleRate(), h.channels(), 0, 0,
                        a.bitrate() > 0 ? a.bitrate() : h.bitrate());
            } catch (BitstreamException notAHeader) {
                // A first sample that is no frame header (damage, a tag): the sample entry's word stands.
                return p;
            }
        }
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

    /** FLAC, ALAC, MP3 in a QuickTime {@code .mp3} entry, AC-3 and E-AC-3. */
    private static Optional<CodecParameters> losslessOrDolby(String codec, AudioSampleEntry a)
            throws BitstreamException {
        Optional<byte[]> dfLa = child(a, AudioSampleEntries.DFLA);
        if (dfLa.isPresent()) {
            StreamInfo si = StreamInfo.parseDfLa(dfLa.get());
            return Optional.of(new Audio(codec, "FLAC", si.sampleRate(), si.channels(), 0, si.bitsPerSample(), 0));
        }
        Optional<byte[]> alac = a.type().equals(AudioSampleEntries.ALAC) ? child(a, AudioSampleEntries.ALAC)
                : Optional.empty();
        if (alac.isPresent()) {
            AlacConfig c = AlacConfig.parse(alac.get());
            return Optional.of(new Audio(codec, "ALAC", c.sampleRate(), c.channels(), 0, c.bitDepth(),
                    c.avgBitRate()));
        }
        Optional<byte[]> dac3 = child(a, AudioSampleEntries.DAC3);
        if (dac3.isPresent()) {
            Ac3Specific c = Ac3Specific.parse(dac3.get());
            return Optional.of(new Audio(codec, "AC-3", c.sampleRate(), c.channels(), 0, 0, c.bitrate()));
        }
        Optional<byte[]> dec3 = child(a, AudioSampleEntries.DEC3);
        if (dec3.isPresent()) {
            Eac3Specific c = Eac3Specific.parse(dec3.get());
            return Optional.of(new Audio(codec, "E-AC-3", c.sampleRate(), c.channels(), 0, 0, c.dataRate() * 1000L));
        }
        if (a.type().equals(AudioSampleEntries.DOT_MP3)) {
            return Optional.of(new Audio(codec, "MP3", a.sampleRateHz(), (int) a.channels(), 0, 0, 0));
        }
        return Optional.empty();
    }

    private static Optional<byte[]> child(SampleEntry entry, FourCC type) {
        return ConfigBoxes.find(entry, type);
    }

    /**
     * Video: H.264, HEVC, AV1, MPEG-4 Part 2, Motion JPEG or ProRes.
     *
     * @param format "H.264", "HEVC", "AV1", "MPEG-4 Visual", "Motion JPEG" or "ProRes"
     * @param profile profile_idc, general_profile_idc, seq_profile (AV1), profile_and_level_indication (MPEG-4
     *     Visual, -1 without a VOS header), the SOF marker (Motion JPEG, 0 when no frame was read) or the ProRes
     *     profile's ordinal (0 Proxy to 5 4444 XQ)
     * @param level level_idc (10 x level), general_level_idc (30 x level), seq_level_idx (AV1: 4 x (level - 2)), the
     *     level of profile_and_level_indication (MPEG-4 Visual); -1 for formats without levels
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

        /**
         * AV1: profile, level and bit depth from {@code av1C}, chroma and the largest frame from its sequence header
         * when configOBUs hold one (from the record's flags and the sample entry's size otherwise).
         */
        static Video ofAv1(String codec, Av1Configuration c, int entryWidth, int entryHeight)
                throws BitstreamException {
            Optional<SequenceHeader> sh = c.sequenceHeader();
            if (sh.isPresent()) {
                SequenceHeader s = sh.get();
                return new Video(codec, "AV1", s.maxFrameWidth(), s.maxFrameHeight(), s.profile(), s.profileName(),
                        s.level(), s.bitDepth(), s.chroma());
            }
            String chroma = c.monochrome() ? "4:0:0" : c.subsamplingX() ? (c.subsamplingY() ? "4:2:0" : "4:2:2")
                    : "4:4:4";
            String name = switch (c.profile()) {
                case 0 -> "Main";
                case 1 -> "High";
                case 2 -> "Professional";
                default -> "profile " + c.profile();
            };
            return new Video(codec, "AV1", entryWidth, entryHeight, c.profile(), name, c.level(), c.bitDepth(), chroma);
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
            if (format.equals("AV1")) {
                return SequenceHeader.levelName(level);
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
     * Audio: AAC, Opus, PCM, FLAC, ALAC, MP3, AC-3 or E-AC-3.
     *
     * @param format "AAC", "Opus", "PCM", "FLAC", "ALAC", "MP3", "AC-3" or "E-AC-3"
     * @param objectType the AudioSpecificConfig audioObjectType (the core type with explicit SBR/PS); 0 for the others
     * @param bitsPerSample for PCM, FLAC and ALAC; 0 for the lossy formats
     * @param bitrate bits per second the configuration declares (average for ALAC and MP3, nominal for AC-3); 0 when
     *     it declares none
     * @param preSkip for Opus, the decoder's 48 kHz samples to drop at the start (dOps PreSkip); 0 for the others
     */
    record Audio(String codec, String format, double sampleRate, int channels, int objectType, int bitsPerSample,
            long bitrate, int preSkip) implements CodecParameters {
        /** With a declared bitrate and no pre-skip. */
        public Audio(String codec, String format, double sampleRate, int channels, int objectType, int bitsPerSample,
                long bitrate) {
            this(codec, format, sampleRate, channels, objectType, bitsPerSample, bitrate, 0);
        }

        /** Without a declared bitrate. */
        public Audio(String codec, String format, double sampleRate, int channels, int objectType, int bitsPerSample) {
            this(codec, format, sampleRate, channels, objectType, bitsPerSample, 0);
        }

        /** AAC and PCM, whose sample entry types name them, as before the other formats came. */
        private boolean named() {
            return format.equals("AAC") || format.equals("PCM");
        }

        @Override
        public String describe() {
            String rate = sampleRate == Math.rint(sampleRate) ? String.valueOf((long) sampleRate)
                    : String.valueOf(sampleRate);
            if (format.equals("Opus")) {
                return "Opus " + rate + " Hz " + channels + " ch, pre-skip " + preSkip;
            }
            String kind = objectType > 0 ? " object type " + objectType
                    : bitsPerSample > 0 ? " " + bitsPerSample + "-bit" : "";
            return format + kind + " " + rate + " Hz " + channels + " ch"
                    + (bitrate > 0 ? " " + Math.round(bitrate / 1000.0) + " kbit/s" : "");
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!named()) {
                m.put("format", format);
            }
            m.put("sampleRate", sampleRate == Math.rint(sampleRate) ? (Object) (long) sampleRate : sampleRate);
            m.put("channels", channels);
            if (format.equals("Opus")) {
                m.put("preSkip", preSkip);
            } else if (objectType > 0) {
                m.put("objectType", objectType);
            } else if (bitsPerSample > 0 || named()) {
                m.put("bitsPerSample", bitsPerSample);
            }
            if (bitrate > 0) {
                m.put("bitrate", bitrate);
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

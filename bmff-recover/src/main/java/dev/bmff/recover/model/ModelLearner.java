package dev.bmff.recover.model;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.ac3.Ac3Specific;
import dev.bmff.codecs.ac3.Ac3Syntax;
import dev.bmff.codecs.ac3.Eac3Specific;
import dev.bmff.codecs.alac.AlacConfig;
import dev.bmff.codecs.av1.Av1Configuration;
import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.flac.StreamInfo;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.codecs.mpa.MpegAudioHeader;
import dev.bmff.codecs.mpa.MpegAudioSyntax;
import dev.bmff.codecs.opus.OpusConfiguration;
import dev.bmff.codecs.pcm.PcmFormat;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.recover.UnusableReferenceException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Learns a {@link ReferenceModel} from a complete recording made with the same settings as the broken one.
 *
 * <pre>{@code
 * ReferenceModel model = ModelLearner.learn(Path.of("reference.mp4"));
 * }</pre>
 */
public final class ModelLearner {
    private static final FourCC AVCC = FourCC.of("avcC");
    private static final FourCC HVCC = FourCC.of("hvcC");
    private static final FourCC ESDS = FourCC.of("esds");
    private static final FourCC AV1C = FourCC.of("av1C");
    private static final FourCC DOPS = FourCC.of("dOps");
    /** Opus packets surveyed for their TOC bytes at most. */
    private static final int OPUS_SURVEY = 5000;
    private static final FourCC WAVE = FourCC.of("wave");
    private static final FourCC DFLA = FourCC.of("dfLa");
    private static final FourCC ALAC = FourCC.of("alac");
    private static final FourCC DAC3 = FourCC.of("dac3");
    private static final FourCC DEC3 = FourCC.of("dec3");
    private static final FourCC DOT_MP3 = FourCC.of(".mp3");

    private ModelLearner() {
    }

    /**
     * Reads {@code reference} and models each of its tracks.
     *
     * @throws UnusableReferenceException when it has no moov or no track recovery can match
     */
    public static ReferenceModel learn(Path reference) throws IOException {
        return learn(reference, read(reference));
    }

    /** The reference's boxes as {@link #learn(Path, ReadResult)} takes them (read leniently; mdat never loaded). */
    public static ReadResult read(Path reference) throws IOException {
        return BoxReader.read(reference, ReadOptions.lenient());
    }

    /**
     * Models the tracks of {@code reference}, whose boxes were {@link #read(Path)} already.
     *
     * @throws UnusableReferenceException when it has no moov or no track recovery can match
     */
    public static ReferenceModel learn(Path reference, ReadResult file) throws IOException {
        if (file.movie().isEmpty()) {
            throw new UnusableReferenceException("reference " + reference + " has no moov: it must be a complete,"
                    + " playable recording made with the same settings");
        }
        SampleIndex index = SampleIndex.of(file, ReadOptions.Mode.LENIENT);
        List<TrackModel> tracks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long mediaBytes = 0;
        try (FileChannel in = FileChannel.open(reference, StandardOpenOption.READ)) {
            for (TrackSamples t : index.tracks()) {
                Optional<String> skipped = Optional.empty();
                try {
                    Optional<TrackModel> m = model(t, in);
                    if (m.isPresent()) {
                        tracks.add(m.get());
                        for (int i = 0; i < t.sampleCount(); i++) {
                            mediaBytes += t.size(i);
                        }
                    } else {
                        skipped = Optional.of(t.sampleCount() == 0 ? "it has no samples"
                                : "its samples vary in size and share no first bytes (or run past 512 KiB), so"
                                        + " they cannot be told apart from damage");
                    }
                } catch (BitstreamException e) {
                    skipped = Optional.of("its codec configuration is unreadable: " + e.getMessage());
                }
                skipped.ifPresent(why -> warnings.add("reference track " + t.trackId() + " (" + t.handlerType() + " "
                        + entryType(t) + ") is not recovered: " + why));
            }
        }
        if (tracks.stream().noneMatch(t -> !(t.codec() instanceof CodecModel.Metadata))) {
            throw new UnusableReferenceException("reference " + reference
                    + " has no H.264, HEVC, AV1, MPEG-4 Part 2, Motion JPEG, ProRes, AAC, Opus, PCM, FLAC, ALAC, MP3, AC-3"
                    + " or E-AC-3 track with samples");
        }
        return new ReferenceModel(file.first(FileTypeBox.class).orElse(null), file.movie().get(), tracks, mediaBytes,
                warnings);
    }

    private static String entryType(TrackSamples t) {
        return t.sampleDescriptions().isEmpty() ? "?" : t.sampleDescriptions().get(0).type().toString();
    }

    private static Optional<TrackModel> model(TrackSamples t, FileChannel in) throws BitstreamException, IOException {
        if (t.sampleCount() == 0 || t.sampleDescriptions().isEmpty()) {
            return Optional.empty();
        }
        Box description = t.sampleDescriptions().get(0);
        // A format the reader keeps raw (timed metadata, timecode) stands in as a metadata entry of its type; the
        // repaired file gets the reference's stsd itself.
        SampleEntry entry = description instanceof SampleEntry e ? e
                : MetadataSampleEntry.of(description.type(), Bytes.EMPTY);
        Chunks chunks = Chunks.of(t);
        CodecModel codec = null;
        if (entry instanceof VisualSampleEntry v) {
            Optional<byte[]> avcC = config(v, AVCC);
            Optional<byte[]> hvcC = config(v, HVCC);
            if (avcC.isPresent()) {
                AvcConfiguration c = AvcConfiguration.parse(avcC.get());
                codec = new CodecModel.Avc(c, vocabulary(t, in, c.nalLengthSize(), NalSurvey.Codec.AVC));
            } else if (hvcC.isPresent()) {
                HevcConfiguration c = HevcConfiguration.parse(hvcC.get());
                codec = new CodecModel.Hevc(c, vocabulary(t, in, c.nalLengthSize(), NalSurvey.Codec.HEVC));
            } else {
                Optional<byte[]> av1C = config(v, AV1C);
                if (av1C.isPresent()) {
                    Av1Configuration c = Av1Configuration.parse(av1C.get());
                    SequenceHeader sh = c.sequenceHeader().orElseThrow(() -> new BitstreamException(
                            BitstreamException.Kind.MISSING, -1, "av1C holds no sequence header"));
                    codec = new CodecModel.Av1(c, sh, ObuVocabulary.survey(t, in, sh));
                } else {
                    codec = FrameCodecLearner.learn(v, config(v, ESDS), t, in).orElse(null);
                }
            }
        } else if (entry instanceof AudioSampleEntry a) {
            Optional<byte[]> esds = config(a, ESDS);
            Optional<byte[]> dOps = config(a, DOPS);
            if (dOps.isPresent()) {
                codec = new CodecModel.Opus(OpusConfiguration.parse(dOps.get()), opusBytes(t, in, false),
                        opusBytes(t, in, true), sizeDeviation(t));
            } else if (esds.isPresent()) {
                EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(esds.get()));
                if (es.objectTypeIndication() == 0x40 && es.decoderSpecificInfo() != null) {
                    codec = new CodecModel.Aac(AudioSpecificConfig.parse(es.decoderSpecificInfo().toArray()));
                } else if (es.objectTypeIndication() == MpegAudioHeader.OTI_MPEG1
                        || es.objectTypeIndication() == MpegAudioHeader.OTI_MPEG2) {
                    codec = mpegAudio(t, in);
                }
            } else if (PcmFormat.FORMATS.contains(a.type())) {
                PcmFormat f = PcmFormat.of(a);
                long packet = chunks.byteGcd < f.bytesPerFrame() || chunks.byteGcd % f.bytesPerFrame() != 0
                        ? f.bytesPerFrame() : chunks.byteGcd;
                int maxPackets = (int) Math.min(1 << 20, chunks.maxBytes / packet + 1);
                codec = new CodecModel.Pcm(f, packet, maxPackets);
            } else {
                codec = losslessOrSyncFramed(a, t, in);
            }
        }
        if (codec == null) {
            codec = FramingLearner.learn(t, in);
            if (codec == null) {
                return Optional.empty();
            }
        }
        boolean pcm = codec instanceof CodecModel.Pcm;
        long duration = pcm ? 1 : typicalDuration(t);
        if (duration == 0 && !(codec instanceof CodecModel.Metadata)) {
            duration = 1;
        }
        int delay = 0;
        if (codec instanceof CodecModel.Avc || codec instanceof CodecModel.Hevc || codec instanceof CodecModel.Av1
                || codec instanceof CodecModel.Mpeg4Visual) {
            long minCts = Long.MAX_VALUE;
            for (int i = 0; i < t.sampleCount(); i++) {
                minCts = Math.min(minCts, t.cts(i) - t.dts(0));
            }
            delay = (int) Math.max(0, Math.round((double) minCts / duration));
        }
        return Optional.of(new TrackModel(t.trackId(), t.handlerType(), entry, codec, language(t), t.timescale(),
                duration, t.editList() == null ? List.of() : t.editList(), delay, sizes(t), chunks.maxSamples,
                t.trackBox()));
    }

    /** FLAC, ALAC, MP3 in a QuickTime {@code .mp3} entry, AC-3, E-AC-3; null for any other entry. */
    private static CodecModel losslessOrSyncFramed(AudioSampleEntry a, TrackSamples t, FileChannel in)
            throws IOException {
        Optional<byte[]> dfLa = config(a, DFLA);
        Optional<byte[]> alac = a.type().equals(ALAC) ? config(a, ALAC) : Optional.empty();
        Optional<byte[]> dac3 = config(a, DAC3);
        Optional<byte[]> dec3 = config(a, DEC3);
        if (a.type().equals(DOT_MP3)) {
            return mpegAudio(t, in);
        } else if (dfLa.isPresent()) {
            return new CodecModel.Flac(StreamInfo.parseDfLa(dfLa.get()));
        } else if (alac.isPresent()) {
            return new CodecModel.Alac(AlacConfig.parse(alac.get()));
        } else if (dac3.isPresent()) {
            return new CodecModel.SyncFramed(Ac3Syntax.of(Ac3Specific.parse(dac3.get())));
        } else if (dec3.isPresent()) {
            return new CodecModel.SyncFramed(Ac3Syntax.of(Eac3Specific.parse(dec3.get())));
        }
        return null;
    }

    /**
     * MPEG audio: the sample entry does not say which stream (version, layer, rate, mono or not), the first sample's
     * frame header does.
     */
    private static CodecModel mpegAudio(TrackSamples t, FileChannel in) throws IOException {
        byte[] head = PositionalReads.readFully(in, t.offset(0), (int) Math.min(t.size(0), MpegAudioHeader.LENGTH));
        return new CodecModel.SyncFramed(MpegAudioSyntax.of(MpegAudioHeader.parse(head, 0)));
    }

    /** The NAL units of a bounded number of the track's samples (those of its first sample description). */
    private static NalVocabulary vocabulary(TrackSamples t, FileChannel channel, int lengthSize,
            NalSurvey.Codec codec) throws IOException {
        return NalSurvey.survey(channel, new NalSurvey.Samples() {
            @Override
            public int count() {
                return t.sampleCount();
            }

            @Override
            public long offset(int i) {
                return t.offset(i);
            }

            @Override
            public long size(int i) {
                // A sample of another description may be of another stream: it is not surveyed.
                return t.sampleDescriptionIndex(i) == 1 ? t.size(i) : 0;
            }

            @Override
            public boolean sync(int i) {
                return t.isSync(i);
            }
        }, lengthSize, codec);
    }

    /** The standard deviation of the track's sample sizes. */
    private static double sizeDeviation(TrackSamples t) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < t.sampleCount(); i++) {
            sum += t.size(i);
            squares += (double) t.size(i) * t.size(i);
        }
        double mean = sum / Math.max(1, t.sampleCount());
        return Math.sqrt(Math.max(0, squares / Math.max(1, t.sampleCount()) - mean * mean));
    }

    /** How many of a bounded number of the track's packets start ({@code last} false) or end with each byte. */
    private static Map<Integer, Integer> opusBytes(TrackSamples t, FileChannel in, boolean last) throws IOException {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < t.sampleCount() && i < OPUS_SURVEY; i++) {
            if (t.size(i) > 0) {
                long at = last ? t.offset(i) + t.size(i) - 1 : t.offset(i);
                counts.merge(dev.bmff.core.io.PositionalReads.readFully(in, at, 1)[0] & 0xFF, 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * The most frequent non-zero sample duration: the frame duration, not skewed by a short last sample; 0 when
     * every sample has duration 0 (GoPro's SOS track).
     */
    private static long typicalDuration(TrackSamples t) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < t.sampleCount(); i++) {
            counts.merge(t.duration(i), 1, Integer::sum);
        }
        return counts.entrySet().stream().filter(e -> e.getKey() > 0)
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0L);
    }

    private static SizeStats sizes(TrackSamples t) {
        long min = Long.MAX_VALUE;
        long max = 0;
        double sum = 0;
        for (int i = 0; i < t.sampleCount(); i++) {
            min = Math.min(min, t.size(i));
            max = Math.max(max, t.size(i));
            sum += t.size(i);
        }
        return new SizeStats(t.sampleCount(), min, max, sum / t.sampleCount());
    }

    private static String language(TrackSamples t) {
        return t.trackBox().first(MediaBox.class).flatMap(m -> m.first(MediaHeaderBox.class))
                .map(MediaHeaderBox::languageCode).filter(s -> s.length() == 3).orElse("und");
    }

    /** The payload of a configuration box of {@code entry}, also inside a QuickTime {@code wave} box. */
    static Optional<byte[]> config(SampleEntry entry, FourCC type) {
        for (Box b : entry.children()) {
            if (b instanceof RawBox raw && raw.payload() instanceof Bytes bytes) {
                if (raw.type().equals(type)) {
                    return Optional.of(bytes.toArray());
                }
                if (raw.type().equals(WAVE)) {
                    byte[] p = bytes.toArray();
                    int pos = 0;
                    while (pos + 8 <= p.length) {
                        long size = ((p[pos] & 0xFFL) << 24) | ((p[pos + 1] & 0xFF) << 16)
                                | ((p[pos + 2] & 0xFF) << 8) | (p[pos + 3] & 0xFF);
                        if (size < 8 || pos + size > p.length) {
                            break;
                        }
                        if (FourCC.of(new String(p, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1))
                                .equals(type)) {
                            return Optional.of(java.util.Arrays.copyOfRange(p, pos + 8, (int) (pos + size)));
                        }
                        pos += (int) size;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The reference's chunks: runs of samples stored back to back. */
    private record Chunks(long maxSamples, long maxBytes, long byteGcd) {
        static Chunks of(TrackSamples t) {
            long maxSamples = 0;
            long maxBytes = 0;
            long gcd = 0;
            long samples = 0;
            long bytes = 0;
            for (int i = 0; i <= t.sampleCount(); i++) {
                boolean newChunk = i == t.sampleCount() || (i > 0 && t.offset(i) != t.offset(i - 1) + t.size(i - 1));
                if (newChunk && samples > 0) {
                    maxSamples = Math.max(maxSamples, samples);
                    maxBytes = Math.max(maxBytes, bytes);
                    if (i < t.sampleCount()) {
                        // The last chunk may hold a short final packet; it says nothing about the packet size.
                        gcd = gcd(gcd, bytes);
                    }
                    samples = 0;
                    bytes = 0;
                }
                if (i < t.sampleCount()) {
                    samples++;
                    bytes += t.size(i);
                }
            }
            return new Chunks(maxSamples, maxBytes, gcd == 0 ? maxBytes : gcd);
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long r = a % b;
                a = b;
                b = r;
            }
            return a;
        }
    }
}

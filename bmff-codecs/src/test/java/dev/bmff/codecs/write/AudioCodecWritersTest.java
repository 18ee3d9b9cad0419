package dev.bmff.codecs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.ac3.Ac3Header;
import dev.bmff.codecs.ac3.Ac3Specific;
import dev.bmff.codecs.ac3.Ac3Syntax;
import dev.bmff.codecs.ac3.Eac3Header;
import dev.bmff.codecs.ac3.Eac3Specific;
import dev.bmff.codecs.alac.AlacConfig;
import dev.bmff.codecs.alac.AlacFrameParser;
import dev.bmff.codecs.entry.AudioSampleEntries;
import dev.bmff.codecs.entry.Bitrate;
import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.codecs.flac.FlacFrameHeader;
import dev.bmff.codecs.flac.FlacFrameParser;
import dev.bmff.codecs.flac.StreamInfo;
import dev.bmff.codecs.mpa.MpegAudioHeader;
import dev.bmff.codecs.mpa.MpegAudioSyntax;
import dev.bmff.codecs.sync.SyncFrameSyntax;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.write.FragmentedWriter;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.RemuxSource;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FLAC, ALAC, MP3, AC-3 and E-AC-3, each encoded by ffmpeg at test time: the configuration we parse gives ffprobe's
 * stream parameters, every sample of the ffmpeg-made file has the length our frame syntax gives it, and the samples
 * written through the standard, fragmented and hybrid writers with a sample entry our builders make (from the parsed
 * configuration, or from the first frame's header where the stream has none) decode to ffmpeg's frames of the source.
 */
class AudioCodecWritersTest {
    /** The codecs, with the ffmpeg arguments that make a second of them. */
    enum Codec {
        FLAC("mp4", "-c:a", "flac", "-strict", "-2"),
        FLAC_24("mp4", "-c:a", "flac", "-sample_fmt", "s32", "-strict", "-2"),
        ALAC("m4a", "-c:a", "alac"),
        ALAC_MOV("mov", "-c:a", "alac"),
        MP3_VBR("mp4", "-c:a", "libmp3lame", "-q:a", "4"),
        MP3_LSF_MONO("mp4", "-c:a", "libmp3lame", "-b:a", "48k", "-ar", "22050", "-ac", "1"),
        AC3_51("mp4", "-c:a", "ac3", "-ac", "6", "-ar", "48000"),
        EAC3("mp4", "-c:a", "eac3", "-ar", "48000");

        final String ext;
        final String[] args;

        Codec(String ext, String... args) {
            this.ext = ext;
            this.args = args;
        }

        /** A second of a two-tone signal (stereo unless the arguments say otherwise) in this codec. */
        Path make() throws Exception {
            Path out = Tools.scratch("audio-" + name().toLowerCase() + "." + ext);
            if (Files.exists(out)) {
                return out;
            }
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=44100", "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=44100",
                    "-filter_complex", "amerge", "-t", "1"));
            cmd.addAll(List.of(args));
            cmd.add(out.toString());
            ExternalTools.run(java.time.Duration.ofSeconds(60), cmd);
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void parameters_agreeWithFfprobe_andEverySampleHasTheLengthItsSyntaxGives(Codec codec) throws Exception {
        Path src = codec.make();
        RemuxSource source = RemuxSource.read(src);
        SampleEntry entry = source.specs().get(0).sampleEntry();
        List<byte[]> samples = samples(source);
        CodecParameters.Audio p = (CodecParameters.Audio) CodecParameters.of(entry, samples.get(0));
        String probe = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=sample_rate,channels,bits_per_raw_sample", "-of", "csv=p=0", src.toString()).strip();
        String[] f = probe.split(",");
        assertEquals(f[0], String.valueOf((long) p.sampleRate()), codec + " rate: " + p.describe());
        assertEquals(f[1], String.valueOf(p.channels()), codec + " channels: " + p.describe());
        if (p.bitsPerSample() > 0) {
            assertEquals(f[2], String.valueOf(p.bitsPerSample()), codec + " bits: " + p.describe());
        }
        Lengths lengths = lengths(entry, samples.get(0));
        for (int i = 0; i < samples.size(); i++) {
            byte[] s = samples.get(i);
            assertEquals(s.length, lengths.of(s), codec + " sample " + i + " of " + samples.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void builtEntry_throughEveryWriter_decodesToTheSourceFrames(Codec codec) throws Exception {
        Path src = codec.make();
        RemuxSource source = RemuxSource.read(src);
        TrackSpec spec = source.specs(MovieBuilder.MOVIE_TIMESCALE).get(0);
        List<byte[]> samples = samples(source);
        AudioSampleEntry built = built(spec.sampleEntry(), samples.get(0));
        TrackSpec ours = new TrackSpec(spec.handler(), spec.timescale(), built, spec.language(), spec.editList());
        Map<String, List<String>> expected = Tools.framemd5(src);
        Map<String, List<String>> unedited = decoded(src, true);
        for (String layout : List.of("standard", "fragmented", "hybrid")) {
            Path out = Tools.scratch("audio-" + codec.name().toLowerCase() + "-" + layout + ".mp4");
            Files.deleteIfExists(out);
            try (Mp4Writer w = switch (layout) {
                case "standard" -> StandardWriter.create(out, List.of(ours), StandardWriter.Options.defaults());
                case "fragmented" -> FragmentedWriter.create(out, List.of(ours), FragmentedWriter.Options.defaults());
                default -> HybridWriter.create(out, List.of(ours), HybridWriter.Options.defaults());
            }; FileChannel in = FileChannel.open(src)) {
                for (RemuxSource.Item item : source.samples()) {
                    w.write(source.read(in, item));
                }
            }
            assertEquals("", Tools.decodeMessages(out), codec + " " + layout);
            if (layout.equals("fragmented")) {
                // ffmpeg 5.1 applies no edit list to a fragmented file: its frames are the source's without one.
                assertEquals(unedited, decoded(out, true), codec + " " + layout + ": every frame's size and md5");
            } else {
                assertEquals(expected, Tools.framemd5(out), codec + " " + layout + ": framemd5");
            }
        }
    }

    /** Per stream, each decoded frame's size and md5 (times left out), the edit list ignored when asked. */
    private static Map<String, List<String>> decoded(Path file, boolean ignoreEditList) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin"));
        if (ignoreEditList) {
            cmd.addAll(List.of("-ignore_editlist", "1"));
        }
        cmd.addAll(List.of("-i", file.toString(), "-map", "0", "-f", "framemd5", "-"));
        Map<String, List<String>> out = new TreeMap<>();
        for (String line : ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, cmd).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            out.computeIfAbsent(f[0].strip(), k -> new ArrayList<>()).add(f[4].strip() + "," + f[5].strip());
        }
        return out;
    }

    /** The sample entry our builders make from the source's configuration, or from its first frame. */
    static AudioSampleEntry built(SampleEntry entry, byte[] first) throws Exception {
        String type = entry.type().toString();
        switch (type) {
            case "fLaC":
                return AudioSampleEntries.flac(StreamInfo.parseDfLa(config(entry, "dfLa")));
            case "alac":
                return AudioSampleEntries.alac(AlacConfig.parse(config(entry, "alac")));
            case "ac-3":
                return AudioSampleEntries.ac3(Ac3Specific.of(Ac3Header.parse(first, 0)));
            case "ec-3":
                return AudioSampleEntries.eac3(Eac3Specific.of(frames(first)));
            default:
                return AudioSampleEntries.mp3(MpegAudioHeader.parse(first, 0), Bitrate.NONE);
        }
    }

    /** The E-AC-3 frames of one sample. */
    static List<Eac3Header> frames(byte[] sample) throws Exception {
        List<Eac3Header> out = new ArrayList<>();
        for (int at = 0; at < sample.length; ) {
            Eac3Header h = Eac3Header.parse(sample, at);
            out.add(h);
            at += h.frameLength();
        }
        return out;
    }

    /** How long our syntax says a sample is. */
    interface Lengths {
        int of(byte[] sample) throws Exception;
    }

    static Lengths lengths(SampleEntry entry, byte[] first) throws Exception {
        switch (entry.type().toString()) {
            case "fLaC": {
                FlacFrameParser parser = new FlacFrameParser(StreamInfo.parseDfLa(config(entry, "dfLa")));
                return s -> {
                    assertTrue(FlacFrameHeader.crc16Ok(s, 0, s.length), "the frame ends with its CRC-16");
                    return parser.frameLength(s, 0, s.length);
                };
            }
            case "alac": {
                AlacFrameParser parser = new AlacFrameParser(AlacConfig.parse(config(entry, "alac")));
                return s -> parser.frameLength(s, 0, s.length);
            }
            case "ac-3":
                return syntax(Ac3Syntax.ac3(Ac3Header.parse(first, 0)));
            case "ec-3":
                return syntax(Ac3Syntax.eac3(Eac3Header.parse(first, 0)));
            default:
                return syntax(MpegAudioSyntax.of(MpegAudioHeader.parse(first, 0)));
        }
    }

    private static Lengths syntax(SyncFrameSyntax syntax) {
        return s -> syntax.sampleLength(s, 0, s.length);
    }

    /** The payload of the configuration box {@code type} of {@code entry}, also inside a QuickTime wave box. */
    static byte[] config(SampleEntry entry, String type) {
        for (Box b : entry.children()) {
            if (b instanceof RawBox raw && raw.payload() instanceof Bytes bytes) {
                byte[] p = bytes.toArray();
                if (raw.type().equals(FourCC.of(type))) {
                    return p;
                }
                if (raw.type().equals(FourCC.of("wave"))) {
                    for (int at = 0; at + 8 <= p.length; ) {
                        int size = java.nio.ByteBuffer.wrap(p, at, 4).getInt();
                        if (size < 8 || at + size > p.length) {
                            break;
                        }
                        if (new String(p, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals(type)) {
                            return java.util.Arrays.copyOfRange(p, at + 8, at + size);
                        }
                        at += size;
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " in " + entry);
    }

    static List<byte[]> samples(RemuxSource source) throws Exception {
        TrackSamples t = source.tracks().get(0);
        List<byte[]> out = new ArrayList<>();
        try (FileChannel in = FileChannel.open(source.file())) {
            for (int i = 0; i < t.sampleCount(); i++) {
                out.add(PositionalReads.readFully(in, t.offset(i), (int) t.size(i)));
            }
        }
        return out;
    }
}

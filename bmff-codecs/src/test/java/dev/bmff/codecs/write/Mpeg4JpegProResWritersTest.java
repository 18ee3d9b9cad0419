package dev.bmff.codecs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.entry.Bitrate;
import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.codecs.entry.VideoSampleEntries;
import dev.bmff.codecs.jpeg.JpegImage;
import dev.bmff.codecs.mpeg4.Mpeg4VideoConfig;
import dev.bmff.codecs.mpeg4.StartCodes;
import dev.bmff.codecs.mpeg4.VopHeader;
import dev.bmff.codecs.prores.ProResFrameHeader;
import dev.bmff.codecs.prores.ProResProfile;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.write.FragmentedWriter;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.RemuxSource;
import dev.bmff.core.write.Sample;
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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MPEG-4 Part 2 (with and without B-frames), Motion JPEG and ProRes 0..4, made by ffmpeg: our parsers agree with
 * ffprobe on the stream parameters and with the source's sync samples, and the samples written under the sample
 * entry our builders make (from the esds VOL, from the first frame) through the standard, fragmented and hybrid
 * writers decode to the source's frames.
 */
class Mpeg4JpegProResWritersTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mpeg4|mp4|-c:v mpeg4 -g 10|yuv420p",
        "mpeg4-bf|mp4|-c:v mpeg4 -g 10 -bf 2|yuv420p",
        "mjpeg|mov|-c:v mjpeg|yuvj422p",
        "prores0|mov|-c:v prores_ks -profile:v 0|yuv422p10le",
        "prores1|mov|-c:v prores_ks -profile:v 1|yuv422p10le",
        "prores2|mov|-c:v prores_ks -profile:v 2|yuv422p10le",
        "prores3|mov|-c:v prores_ks -profile:v 3|yuv422p10le",
        "prores4|mov|-c:v prores_ks -profile:v 4|yuva444p10le"})
    void ffmpegSource_ourEntry_throughEveryWriter_decodesLikeTheSource(String name, String ext, String codec,
            String pixFmt) throws Exception {
        Path src = Tools.scratch("p2-" + name + "." + ext);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "testsrc=size=64x48:rate=25:duration=1", "-pix_fmt", pixFmt));
        cmd.addAll(List.of(codec.split(" ")));
        cmd.add(src.toString());
        ExternalTools.run(cmd.toArray(String[]::new));

        SampleIndex index = SampleIndex.of(BoxReader.read(src, ReadOptions.strict()));
        TrackSamples video = index.tracks().get(0);
        List<byte[]> frames = new ArrayList<>();
        try (FileChannel in = FileChannel.open(src)) {
            for (int i = 0; i < video.sampleCount(); i++) {
                frames.add(PositionalReads.readFully(in, video.offset(i), (int) video.size(i)));
            }
        }
        VisualSampleEntry source = (VisualSampleEntry) video.sampleDescriptions().get(0);
        VisualSampleEntry entry = entry(source, frames.get(0));
        assertEquals(source.type(), entry.type());

        // The parameters we decode are ffprobe's.
        CodecParameters.Video p = (CodecParameters.Video) CodecParameters.of(entry, frames.get(0));
        Map<String, String> probe = new TreeMap<>();
        for (String line : ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,profile,level,pix_fmt", "-of", "default=nw=1", src.toString()).split("\n")) {
            if (line.contains("=")) {
                probe.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        assertEquals(probe.get("width"), String.valueOf(p.width()), "width");
        assertEquals(probe.get("height"), String.valueOf(p.height()), "height");
        assertEquals(probe.get("profile"), p.profileName(), "profile");
        if (p.level() >= 0) {
            assertEquals(probe.get("level"), String.valueOf(p.level()), "level");
        }
        String chroma = p.chroma().replace(":", "");
        assertTrue(probe.get("pix_fmt").startsWith("yuv" + chroma) || probe.get("pix_fmt").startsWith("yuvj" + chroma)
                || probe.get("pix_fmt").startsWith("yuva" + chroma), p.chroma() + " vs " + probe.get("pix_fmt"));

        // Sync samples from the bitstream are the source's.
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(video.isSync(i), sync(entry, frames.get(i)), "sync of sample " + i);
        }

        TrackSpec spec = RemuxSource.read(src).specs(MovieBuilder.MOVIE_TIMESCALE).get(0);
        spec = new TrackSpec(spec.handler(), spec.timescale(), entry, spec.language(), spec.editList());
        Map<String, List<String>> expected = Tools.framemd5(src);
        for (String layout : List.of("standard", "fragmented", "hybrid")) {
            Path out = Tools.scratch("p2-" + name + "-" + layout + "." + ext);
            Files.deleteIfExists(out);
            try (Mp4Writer w = switch (layout) {
                case "standard" -> StandardWriter.create(out, List.of(spec), StandardWriter.Options.defaults());
                case "fragmented" -> FragmentedWriter.create(out, List.of(spec), FragmentedWriter.Options.defaults());
                default -> HybridWriter.create(out, List.of(spec), HybridWriter.Options.defaults());
            }) {
                for (int i = 0; i < frames.size(); i++) {
                    w.write(new Sample(0, Bytes.of(frames.get(i)), video.dts(i) - video.dts(0),
                            (int) (video.cts(i) - video.dts(i)), video.duration(i), sync(entry, frames.get(i))));
                }
            }
            assertEquals("", Tools.decodeMessages(out), layout + ": ffmpeg decodes without a message");
            if (layout.equals("fragmented")) {
                // ffmpeg 5.1 applies no edit list to a fragmented file: the frames, not their times, must match.
                assertEquals(hashes(expected), hashes(Tools.framemd5(out)), layout + ": every frame");
            } else {
                assertEquals(expected, Tools.framemd5(out), layout + ": framemd5 of every frame");
            }
        }
    }

    /** The entry our builders make from what the source's entry carries (the esds VOL) or its first frame. */
    private static VisualSampleEntry entry(VisualSampleEntry source, byte[] first) throws Exception {
        String type = source.type().toString();
        if (type.equals("mp4v")) {
            for (Box b : source.children()) {
                if (b.type().equals(FourCC.of("esds"))) {
                    EsDescriptor es = EsDescriptor.parseEsds((Bytes) ((RawBox) b).payload());
                    return VideoSampleEntries.mpeg4(Mpeg4VideoConfig.parse(es.decoderSpecificInfo().toArray()),
                            Bitrate.NONE);
                }
            }
            throw new AssertionError("no esds");
        }
        if (VideoSampleEntries.MOTION_JPEG.contains(source.type())) {
            return VideoSampleEntries.motionJpeg(source.type(), JpegImage.scan(first, 0, first.length, first.length));
        }
        return VideoSampleEntries.proRes(ProResProfile.of(type).orElseThrow(),
                ProResFrameHeader.parse(first, 0, first.length));
    }

    /** MPEG-4 Part 2: an I-VOP; every Motion JPEG and ProRes frame. */
    private static boolean sync(VisualSampleEntry entry, byte[] frame) throws Exception {
        if (!entry.type().equals(VideoSampleEntries.MP4V)) {
            return true;
        }
        RawBox esds = (RawBox) entry.children().get(0);
        Mpeg4VideoConfig c = Mpeg4VideoConfig.parse(EsDescriptor.parseEsds((Bytes) esds.payload())
                .decoderSpecificInfo().toArray());
        for (int at = StartCodes.next(frame, 0, frame.length); at >= 0; at = StartCodes.next(frame, at + 3,
                frame.length)) {
            if (StartCodes.code(frame, at) == StartCodes.VOP) {
                return VopHeader.parse(frame, at + 4, frame.length - at - 4, c.vol()).type() == VopHeader.Type.I;
            }
        }
        throw new AssertionError("no VOP");
    }

    private static Map<String, List<String>> hashes(Map<String, List<String>> framemd5) {
        Map<String, List<String>> out = new TreeMap<>();
        framemd5.forEach((stream, lines) -> {
            if (!stream.equals("#")) {
                out.put(stream, lines.stream().map(l -> l.split(",")).map(f -> f[4].strip() + "," + f[5].strip())
                        .toList());
            }
        });
        return out;
    }
}

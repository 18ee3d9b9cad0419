package dev.bmff.codecs.av1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.codecs.opus.OpusConfiguration;
import dev.bmff.codecs.opus.OpusPacket;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ffmpeg's own AV1 + Opus MP4s (libaom 4:2:0 8-bit and 4:4:4 10-bit with hidden alt-ref frames; libopus mono and
 * stereo): our parameters equal ffprobe's, av1C and dOps round-trip byte for byte, each sample is one temporal unit
 * showing one frame and is a sync sample exactly where ffmpeg's stss says, and each Opus packet's TOC duration is
 * ffmpeg's sample duration.
 */
class Av1OpusFfprobeTest {
    @ParameterizedTest
    @CsvSource({"yuv420p,0,1,main", "yuv444p10le,1,2,high10"})
    void ffmpegMp4_parametersSyncAndDurations_matchFfprobe(String pixFmt, int profile, int channels, String name)
            throws Exception {
        Path file = Av1OpusMedia.dir().resolve(name + ".mp4");
        if (!Files.exists(file)) {
            ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=96x64:rate=25:duration=1.2", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000:duration=1.2", "-pix_fmt", pixFmt, "-c:v", "libaom-av1",
                    "-cpu-used", "8", "-b:v", "100k", "-g", "12", "-lag-in-frames", "16", "-auto-alt-ref", "1", "-c:a", "libopus", "-ac",
                    String.valueOf(channels), "-b:a", "32k", file.toString());
        }
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        TrackSamples video = index.tracks().get(0);
        TrackSamples audio = index.tracks().get(1);
        SampleEntry av01 = (SampleEntry) video.sampleDescriptions().get(0);
        SampleEntry opus = (SampleEntry) audio.sampleDescriptions().get(0);

        CodecParameters.Video v = (CodecParameters.Video) CodecParameters.of(av01);
        String probe = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,pix_fmt", "-of", "csv=p=0", file.toString()).strip();
        String chroma = pixFmt.startsWith("yuv420") ? "4:2:0" : "4:4:4";
        assertEquals(probe, v.width() + "," + v.height() + "," + pixFmt);
        assertEquals(profile, v.profile());
        assertEquals(chroma, v.chroma());
        assertEquals(pixFmt.endsWith("10le") ? 10 : 8, v.bitDepth());

        CodecParameters.Audio a = (CodecParameters.Audio) CodecParameters.of(opus);
        String aprobe = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=sample_rate,channels", "-of", "csv=p=0", file.toString()).strip();
        assertEquals(aprobe, (long) a.sampleRate() + "," + a.channels());
        assertEquals(312, a.preSkip(), "libopus's pre-skip");

        byte[] av1C = payload(av01, "av1C");
        assertArrayEquals(av1C, Av1Configuration.parse(av1C).toBytes());
        byte[] dOps = payload(opus, "dOps");
        assertArrayEquals(dOps, OpusConfiguration.parse(dOps).toBytes());
        SequenceHeader seq = Av1Configuration.parse(av1C).sequenceHeader().orElseThrow();

        List<byte[]> samples = samples(file, video);
        int sync = 0;
        int hidden = 0;
        for (int i = 0; i < samples.size(); i++) {
            TemporalUnit tu = TemporalUnit.of(samples.get(i), seq);
            assertEquals(video.isSync(i), tu.sync(), "sync of sample " + i);
            assertEquals(1, tu.shownFrames(), "sample " + i + " shows one frame");
            assertArrayEquals(samples.get(i), tu.sample().toArray(), "no temporal delimiter in an MP4 sample");
            sync += tu.sync() ? 1 : 0;
            hidden += tu.frames() - tu.shownFrames();
        }
        assertEquals(3, sync, "keyframes every 12 of 30 frames");
        assertTrue(hidden > 0, "libaom's hidden alt-ref frames, each in the sample of the frame shown after it");
        List<byte[]> packets = samples(file, audio);
        for (int i = 0; i + 1 < packets.size(); i++) {
            byte[] p = packets.get(i);
            assertEquals(audio.duration(i), OpusPacket.parse(p, 0, p.length).durationSamples(), "packet " + i);
            assertEquals(channels == 2, OpusPacket.parse(p, 0, p.length).stereo());
        }
    }

    static byte[] payload(SampleEntry e, String type) {
        for (Box b : e.children()) {
            if (b instanceof RawBox raw && raw.type().equals(FourCC.of(type))) {
                return ((Bytes) raw.payload()).toArray();
            }
        }
        throw new AssertionError("no " + type);
    }

    static List<byte[]> samples(Path file, TrackSamples t) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            for (int i = 0; i < t.sampleCount(); i++) {
                byte[] b = new byte[(int) t.size(i)];
                f.seek(t.offset(i));
                f.readFully(b);
                out.add(b);
            }
        }
        return out;
    }
}

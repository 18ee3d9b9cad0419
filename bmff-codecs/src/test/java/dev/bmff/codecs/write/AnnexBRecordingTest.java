package dev.bmff.codecs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.aac.AdtsReader;
import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.access.AccessUnit;
import dev.bmff.codecs.access.AccessUnitAssembler;
import dev.bmff.codecs.access.ParameterSetPlacement;
import dev.bmff.codecs.entry.AudioSampleEntries;
import dev.bmff.codecs.entry.Bitrate;
import dev.bmff.codecs.entry.VideoSampleEntries;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a live recording does: an Annex B H.264 stream with B-frames and an ADTS AAC stream (made by ffmpeg
 * at test time) go through the access-unit assembler and the ADTS reader into StandardWriter. Composition
 * offsets come from the pictures' POC order; the AAC track gets an edit list that trims the encoder's
 * 1024 priming samples.
 */
class AnnexBRecordingTest {
    private static final long VIDEO_TIMESCALE = 12_800;
    private static final long FRAME = 512; // 25 fps
    private static final int AAC_FRAME = 1024;

    @ParameterizedTest(name = "faststart={0}")
    @ValueSource(booleans = {false, true})
    void annexBAndAdts_throughStandardWriter_decodeLikeTheSources(boolean faststart) throws Exception {
        Path h264 = Tools.scratch("rec.h264");
        Path adts = Tools.scratch("rec.aac");
        if (!Files.exists(h264) || !Files.exists(adts)) {
            ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25", "-frames:v", "75", "-pix_fmt", "yuv420p", "-c:v", "libx264",
                    "-bf", "2", "-g", "25", "-x264-params", "threads=1", "-f", "h264", h264.toString());
            ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "3", "-ac", "2", "-c:a", "aac", "-f", "adts",
                    adts.toString());
        }
        AccessUnitAssembler asm = AccessUnitAssembler.h264(ParameterSetPlacement.OUT_OF_BAND);
        List<AccessUnit> units = new ArrayList<>();
        try (InputStream in = Files.newInputStream(h264)) {
            byte[] chunk = new byte[4096]; // as a pipe delivers it
            for (int n; (n = in.read(chunk)) > 0; ) {
                units.addAll(asm.push(chunk, 0, n));
            }
        }
        units.addAll(asm.finish());
        List<byte[]> frames = new ArrayList<>();
        AudioSpecificConfig asc = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(adts))) {
            AdtsReader reader = new AdtsReader(in);
            for (AdtsReader.Frame f; (f = reader.next()) != null; ) {
                asc = asc == null ? f.header().toAudioSpecificConfig() : asc;
                frames.add(f.payload());
            }
        }
        TrackSpec video = TrackSpec.video(VideoSampleEntries.avc(asm.avcConfiguration().orElseThrow(), false,
                Bitrate.NONE), VIDEO_TIMESCALE);
        TrackSpec audio = TrackSpec.audio(AudioSampleEntries.aac(asc, Bitrate.NONE), asc.samplingFrequency())
                .withEditList(List.of(new EditListBox.Entry(-1, AAC_FRAME, 1, 0)));
        long[] cto = compositionOffsets(units);
        Path out = Tools.scratch("rec" + (faststart ? "-faststart" : "") + ".mp4");
        try (StandardWriter w = StandardWriter.create(out, List.of(video, audio),
                StandardWriter.Options.defaults().withFaststart(faststart))) {
            int a = 0;
            for (int v = 0; v < units.size(); v++) {
                // Audio up to the video's time arrives first, as from a live source.
                while (a < frames.size() && (double) a * AAC_FRAME / asc.samplingFrequency()
                        <= (double) v * FRAME / VIDEO_TIMESCALE) {
                    w.write(new Sample(1, dev.bmff.core.box.Bytes.of(frames.get(a)), (long) a * AAC_FRAME, 0,
                            Sample.UNKNOWN_DURATION, true));
                    a++;
                }
                AccessUnit u = units.get(v);
                w.write(new Sample(0, u.sample(), v * FRAME, (int) (cto[v] * FRAME), Sample.UNKNOWN_DURATION,
                        u.keyframe()));
            }
            for (; a < frames.size(); a++) {
                w.write(new Sample(1, dev.bmff.core.box.Bytes.of(frames.get(a)), (long) a * AAC_FRAME, 0,
                        Sample.UNKNOWN_DURATION, true));
            }
        }

        assertEquals("", Tools.decodeMessages(out), "ffmpeg -v error decodes without a message");
        assertEquals(hashes(ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i", h264.toString(),
                "-f", "framemd5", "-")), hashes(ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i",
                out.toString(), "-map", "0:v", "-f", "framemd5", "-")), "every picture, in presentation order");
        // The audio is the ADTS stream's decode without the 1024 priming samples, no more, no less.
        byte[] sourcePcm = pcm(adts);
        byte[] ourPcm = pcm(out);
        int bytesPerSample = 2 * asc.channelCount();
        assertEquals((long) frames.size() * AAC_FRAME - AAC_FRAME, ourPcm.length / bytesPerSample, "audio samples");
        assertEquals(md5(Arrays.copyOfRange(sourcePcm, AAC_FRAME * bytesPerSample, sourcePcm.length)), md5(ourPcm),
                "decoded audio");
        String[] probe = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets",
                "-show_entries", "stream=nb_read_packets,start_time", "-of", "csv=p=0", out.toString()).strip()
                .split(",");
        assertEquals(0.0, Double.parseDouble(probe[0]), 1e-9, "the edit list starts video presentation at 0");
        assertEquals(String.valueOf(units.size()), probe[1], "video packets");
        assertTrue(units.size() >= 75);
    }

    /** In frames: presentation rank (by POC epoch, then POC) minus decode index, shifted so none is negative. */
    private static long[] compositionOffsets(List<AccessUnit> units) {
        int n = units.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> units.get(i).pocEpoch())
                .thenComparingLong(i -> units.get(i).picOrderCnt()));
        long[] offsets = new long[n];
        long shift = 0;
        for (int rank = 0; rank < n; rank++) {
            int i = order.get(rank);
            offsets[i] = rank - i;
            shift = Math.max(shift, i - rank);
        }
        for (int i = 0; i < n; i++) {
            offsets[i] += shift;
        }
        return offsets;
    }

    private static List<String> hashes(String framemd5) {
        return framemd5.lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }

    private static byte[] pcm(Path file) throws Exception {
        Path raw = Tools.scratch(file.getFileName() + ".s16le");
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", file.toString(), "-map", "0:a", "-f",
                "s16le", raw.toString());
        return Files.readAllBytes(raw);
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }
}

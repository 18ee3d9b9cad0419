package dev.bmff.rsv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.recover.RepairKind;
import dev.bmff.recover.RepairReport;
import dev.bmff.rsv.testing.GeneratedRsv;
import dev.bmff.rsv.testing.RsvGenerator;
import dev.bmff.rsv.testing.RsvSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated RSV files of the settings Sony cameras use, repaired and checked with our reader and ffmpeg. */
class RsvRepairTest {
    @TempDir
    Path dir;

    private RepairReport repairAndCheck(GeneratedRsv g, Path rsv, Expectation e) throws IOException {
        byte[] before = Files.readAllBytes(rsv);
        Path out = dir.resolve(rsv.getFileName() + ".mp4");
        RepairReport r = RsvRecovery.repair(g.reference(), rsv, out);
        assertEquals(RepairKind.RSV_REBUILT_FROM_REFERENCE, r.kind());
        assertTrue(Arrays.equals(before, Files.readAllBytes(rsv)), "the RSV file is never modified");
        RepairCheck.samples(g, out, e);
        RepairCheck.ffmpeg(g, out, e);
        return r;
    }

    private Path cut(GeneratedRsv g, long length) throws IOException {
        Path p = dir.resolve(g.rsv().getFileName() + "-cut" + length + ".RSV");
        try (var in = Files.newInputStream(g.rsv()); var out = Files.newOutputStream(p)) {
            out.write(in.readNBytes((int) length));
        }
        return p;
    }

    @Test
    void h264_25fps_gop12_twos_everyFrameAndSampleRecovered() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264(), dir);
        assertEquals(92_160, g.gops().get(0).audio().get(0)[2], "12 frames at 25 fps, 48 kHz stereo 16-bit");
        RepairReport r = repairAndCheck(g, g.rsv(), Expectation.whole(g));
        assertTrue(r.isComplete(), r.toString());
        assertTrue(r.warnings().get(0).contains("frames per GOP {12=4}"), r.warnings().get(0));
    }

    @Test
    void hevc_50fps_gop48_twos_everyFrameRecovered() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withHevc(true).withRate("50").withGop(48)
                .withFrames(96), dir);
        assertEquals(184_320, g.gops().get(0).audio().get(0)[2], "48 frames at 50 fps, 48 kHz stereo 16-bit");
        RepairReport r = repairAndCheck(g, g.rsv(), Expectation.whole(g));
        assertTrue(r.isComplete(), r.toString());
    }

    @Test
    void h264_23976fps_gop24_fourTrackIpcm_exactAudioPerGop() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withRate("24000/1001").withGop(24).withFrames(72)
                .withAudio(RsvSettings.Audio.IPCM4), dir);
        // 24 frames at 24000/1001 fps are 48,048 samples at 48 kHz: 144,144 bytes per track and GOP.
        assertEquals(144_144, g.gops().get(0).audio().get(0)[2]);
        RepairReport r = repairAndCheck(g, g.rsv(), Expectation.whole(g));
        assertTrue(r.isComplete(), r.toString());
    }

    @Test
    void h264_2997fps_gop7_fractionalAudioPerGop() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withRate("30000/1001").withFrames(35)
                .withGops(14, List.of(7)).withAudio(RsvSettings.Audio.SOWT), dir);
        // 7 frames at 30000/1001 fps are 11,211.2 samples: 11,211 a GOP, and 11,212 when the fractions add up.
        assertEquals(11_211 * 4, g.gops().get(0).audio().get(0)[2]);
        assertEquals(11_212 * 4, g.gops().get(4).audio().get(0)[2]);
        RepairReport r = repairAndCheck(g, g.rsv(), Expectation.whole(g));
        assertTrue(r.isComplete(), r.toString());
    }

    @Test
    void eachRtmdPacketSize_learnedFromTheFile() throws IOException {
        for (int size : new int[] {11_264, 19_456, 29_696}) {
            GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withPacketSize(size).withFrames(36)
                    .withAudio(RsvSettings.Audio.SOWT), dir.resolve("p" + size));
            RepairReport r = repairAndCheck(g, g.rsv(), Expectation.whole(g));
            assertTrue(r.warnings().get(0).contains("rtmd packet sizes {" + size + "=3}"), r.warnings().get(0));
        }
    }

    @Test
    void varyingGopLengths_keyframesFromNalTypes() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withFrames(80).withGops(10, List.of(12, 7, 20, 5,
                13, 1, 22)), dir);
        RepairReport r = repairAndCheck(g, g.rsv(), Expectation.whole(g));
        assertTrue(r.isComplete(), r.toString());
        assertEquals(8, r.tracks().get(0).keyframes(), "IDR every 10 frames, whatever the GOP blocks");
    }

    @Test
    void cutInsideVideo_keepsEveryWholeFrameAndNoAudioOfThatGop() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264(), dir);
        int frame = g.gops().get(2).firstFrame() + 5;
        long cut = g.frameOffsets()[frame] + g.frames().get(frame).length / 2;
        Expectation e = Expectation.cutAt(g, cut);
        assertEquals(frame, e.frames());
        RepairReport r = repairAndCheck(g, cut(g, cut), e);
        assertFalse(r.isComplete());
    }

    @Test
    void cutInsideAudio_keepsTheGopsFramesAndTheAudioPresent() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withRate("24000/1001").withGop(12).withFrames(48)
                .withAudio(RsvSettings.Audio.IPCM4), dir);
        GeneratedRsv.Gop gop = g.gops().get(2);
        long[] second = gop.audio().get(1);
        long cut = second[0] + second[2] / 3 + 1;
        Expectation e = Expectation.cutAt(g, cut);
        assertEquals(36, e.frames());
        repairAndCheck(g, cut(g, cut), e);
    }

    @Test
    void cutInsideRtmdBlock_keepsTheGopsBefore() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264(), dir);
        long cut = g.gops().get(2).start() + 3L * g.settings().packetSize() + 100;
        Expectation e = Expectation.cutAt(g, cut);
        assertEquals(24, e.frames());
        repairAndCheck(g, cut(g, cut), e);
    }

    @Test
    void rtmdHeadersPlantedInVideo_areNotTakenForGops() throws IOException {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withPlantedRtmd(true), dir);
        RepairReport r = repairAndCheck(g, g.rsv(), Expectation.whole(g));
        assertTrue(r.isComplete(), r.toString());
        GeneratedRsv h = RsvGenerator.generate(RsvSettings.h264().withHevc(true).withPlantedRtmd(true), dir);
        repairAndCheck(h, h.rsv(), Expectation.whole(h));
    }
}

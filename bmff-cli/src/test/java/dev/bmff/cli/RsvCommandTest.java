package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.rsv.testing.GeneratedRsv;
import dev.bmff.rsv.testing.RsvGenerator;
import dev.bmff.rsv.testing.RsvSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmff rsv}, and {@code bmff repair} recognizing an RSV file by itself. */
class RsvCommandTest {
    @TempDir
    Path dir;

    @Test
    void rsv_generatedFile_repairsEveryFrameAndExits0() throws Exception {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withFrames(24), dir);
        Path out = dir.resolve("fixed.mp4");
        CliTest.Run r = CliTest.run("rsv", "--json", g.reference().toString(), g.rsv().toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"kind\":\"RSV_REBUILT_FROM_REFERENCE\""), r.out());
        assertEquals(24, SampleIndex.of(BoxReader.read(out, ReadOptions.strict())).tracks().get(0).sampleCount());
    }

    @Test
    void repair_rsvFileCutInsideAFrame_isRecognizedAndExits2() throws Exception {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withFrames(24), dir);
        byte[] all = Files.readAllBytes(g.rsv());
        Path cut = dir.resolve("cut.RSV");
        Files.write(cut, java.util.Arrays.copyOf(all, (int) g.frameOffsets()[23] + 100));
        Path out = dir.resolve("fixed.mp4");
        CliTest.Run r = CliTest.run("repair", g.reference().toString(), cut.toString(), out.toString());
        assertEquals(RepairCommand.EXIT_PARTIAL, r.code(), r.err());
        assertTrue(r.out().contains("RSV_REBUILT_FROM_REFERENCE"), r.out());
        assertEquals(23, SampleIndex.of(BoxReader.read(out, ReadOptions.strict())).tracks().get(0).sampleCount(),
                "a cut inside the last frame keeps the frames before it");
    }

    @Test
    void rsv_notAnRsvFile_failsWithExit1AndNoOutput() throws Exception {
        Path out = dir.resolve("fixed.mp4");
        Path mp4 = CliTest.fixture("h264-aac.mp4");
        CliTest.Run r = CliTest.run("rsv", mp4.toString(), mp4.toString(), out.toString());
        assertEquals(1, r.code(), r.out());
        assertFalse(Files.exists(out));
        Path other = dir.resolve("other.mp4");
        Files.copy(mp4, other);
        CliTest.Run notRsv = CliTest.run("rsv", mp4.toString(), other.toString(), out.toString());
        assertEquals(1, notRsv.code(), notRsv.out());
        assertTrue(notRsv.err().contains("not an RSV file"), notRsv.err());
        assertFalse(Files.exists(out));
        assertEquals(Main.EXIT_USAGE, CliTest.run("rsv", mp4.toString()).code());
    }
}

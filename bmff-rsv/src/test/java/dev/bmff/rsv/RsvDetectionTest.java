package dev.bmff.rsv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.Fixtures;
import dev.bmff.recover.LayoutRepair;
import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairException;
import dev.bmff.recover.RepairKind;
import dev.bmff.recover.RepairReport;
import dev.bmff.recover.ReferenceRequiredException;
import dev.bmff.recover.UnusableReferenceException;
import dev.bmff.rsv.testing.GeneratedRsv;
import dev.bmff.rsv.testing.RsvGenerator;
import dev.bmff.rsv.testing.RsvSettings;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection (rtmd header with its Sony tag at offset 0), Recovery's hand-over, and files that are not RSV. */
class RsvDetectionTest {
    @TempDir
    Path dir;

    @Test
    void startsWithRtmd_needsPrefixAndSonyTag_notTheVaryingBytes() {
        byte[] head = RsvGenerator.packet(7, 64);
        assertTrue(RsvLayout.startsWithRtmd(ByteBuffer.wrap(head)));
        head[5] = (byte) 0x99;
        assertTrue(RsvLayout.startsWithRtmd(ByteBuffer.wrap(head)), "bytes 4-7 vary");
        head[10] = 1;
        assertFalse(RsvLayout.startsWithRtmd(ByteBuffer.wrap(head)), "the tag f0 01 00 10 is required");
        assertFalse(RsvLayout.startsWithRtmd(ByteBuffer.wrap(new byte[] {0, 0x1c, 1, 0})), "the prefix alone");
        assertFalse(RsvLayout.startsWithRtmd(ByteBuffer.wrap(new byte[0])));
    }

    @Test
    void recoveryRepair_handsAnRsvFileToRsvRecovery() throws Exception {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withFrames(24), dir);
        Path out = dir.resolve("fixed.mp4");
        RepairReport r = Recovery.repair(g.reference(), g.rsv(), out);
        assertEquals(RepairKind.RSV_REBUILT_FROM_REFERENCE, r.kind());
        assertEquals(24, r.tracks().get(0).samples());
        assertTrue(r.isComplete(), r.toString());
        ReferenceRequiredException e = assertThrows(ReferenceRequiredException.class,
                () -> Recovery.repair(g.rsv(), dir.resolve("other.mp4")));
        assertTrue(e.getMessage().contains("Sony RSV"), e.getMessage());
    }

    /** The CLI's fat jar puts everything on the class path, where only META-INF/services can name the provider. */
    @Test
    void provider_isFoundOnTheClassPathToo() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Class<?> c : List.of(RsvRecovery.class, LayoutRepair.class, dev.bmff.core.FourCC.class,
                dev.bmff.codecs.scan.BytePattern.class)) {
            urls.add(c.getProtectionDomain().getCodeSource().getLocation());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> service = loader.loadClass(LayoutRepair.class.getName());
            assertFalse(service.getModule().isNamed(), "loaded on the class path");
            List<String> found = ServiceLoader.load(service, loader).stream().map(p -> p.type().getName()).toList();
            assertEquals(List.of(RsvLayoutRepair.class.getName()), found);
        }
    }

    @Test
    void notAnRsvFile_rsvFormatException_noOutput() throws Exception {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withFrames(12), dir);
        Path out = dir.resolve("fixed.mp4");
        Path empty = Files.write(dir.resolve("empty.RSV"), new byte[0]);
        assertThrows(RsvFormatException.class, () -> RsvRecovery.repair(g.reference(), empty, out));
        byte[] garbage = new byte[200_000];
        new java.util.Random(5).nextBytes(garbage);
        System.arraycopy(RsvGenerator.packet(0, 12), 0, garbage, 0, 12);
        Path headerThenGarbage = Files.write(dir.resolve("garbage.RSV"), garbage);
        RsvFormatException e = assertThrows(RsvFormatException.class,
                () -> RsvRecovery.repair(g.reference(), headerThenGarbage, out));
        assertTrue(e.getMessage().contains("not an RSV file"), e.getMessage());
        Path onlyPackets = Files.write(dir.resolve("packets.RSV"), java.util.Arrays.copyOf(
                Files.readAllBytes(g.rsv()), (int) g.frameOffsets()[0] + 3));
        assertThrows(RsvFormatException.class, () -> RsvRecovery.repair(g.reference(), onlyPackets, out));
        assertFalse(Files.exists(out));
    }

    @Test
    void referenceOfAnotherCodecOrWithAac_clearErrors() throws Exception {
        GeneratedRsv h264 = RsvGenerator.generate(RsvSettings.h264().withFrames(12), dir);
        GeneratedRsv hevc = RsvGenerator.generate(RsvSettings.h264().withHevc(true).withFrames(12), dir);
        Path out = dir.resolve("fixed.mp4");
        assertThrows(RsvFormatException.class, () -> RsvRecovery.repair(hevc.reference(), h264.rsv(), out));
        assertThrows(UnusableReferenceException.class,
                () -> RsvRecovery.repair(Fixtures.file("h264-aac.mp4"), h264.rsv(), out));
        assertThrows(RepairException.class, () -> RsvRecovery.repair(h264.reference(), h264.rsv(), h264.rsv()));
        assertFalse(Files.exists(out));
    }

    @Test
    void referenceWithoutRtmdTrack_videoAndAudioOnly() throws Exception {
        GeneratedRsv g = RsvGenerator.generate(RsvSettings.h264().withFrames(24).withReferenceRtmd(false), dir);
        Path out = dir.resolve("fixed.mp4");
        RepairReport r = RsvRecovery.repair(g.reference(), g.rsv(), out);
        assertEquals(2, r.tracks().size());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("no rtmd track")), r.warnings().toString());
        RepairCheck.samples(g, out, Expectation.whole(g));
    }
}

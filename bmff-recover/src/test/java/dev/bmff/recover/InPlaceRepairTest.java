package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

/** A lost moov repaired in the broken file itself (moov appended, mdat header rewritten), then undone. */
class InPlaceRepairTest {
    @Test
    void repairInPlace_lostMoov_playsLikeTheOriginal_andUndoRestoresTheExactBytes() throws Exception {
        Path original = Fixtures.file("h264-aac.mp4");
        Path dir = Files.createDirectories(Path.of("target", "in-place"));
        Path broken = BrokenFiles.withoutMoov(original, BrokenFiles.mdat(original).end(), dir.resolve("b.mp4"));
        Path undo = dir.resolve("b.mp4.bmff-undo");
        Path out = dir.resolve("not-written.mp4");
        Files.deleteIfExists(undo);
        Files.deleteIfExists(out);
        byte[] before = sha256(broken);
        long length = Files.size(broken);

        RepairReport report = Recovery.repair(original, broken, out, RepairOptions.defaults().withInPlace(true));

        assertEquals(RepairKind.MOOV_REBUILT_IN_PLACE, report.kind(), report.toString());
        assertFalse(Files.exists(out), "the output path is not written in place");
        assertTrue(Files.exists(undo));
        assertTrue(Files.size(broken) > length, "the moov is appended");
        assertEquals(Expected.sizes(original), Expected.sizes(broken));
        assertEquals(RecoveryInteropTest.frameLines(original), RecoveryInteropTest.frameLines(broken));
        assertEquals("", ExternalTools.decodeErrors(broken));
        // The repaired file has its index now: a second repair needs no reference and keeps every sample.
        assertEquals(RepairKind.STANDARD_TRUNCATED, Recovery.repair(broken, out).kind());
        Files.delete(out);

        Recovery.undo(broken);

        assertArrayEquals(before, sha256(broken));
        assertEquals(length, Files.size(broken));
        assertFalse(Files.exists(undo));
        assertThrows(RepairException.class, () -> Recovery.undo(broken));
    }

    static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return d.digest();
    }
}

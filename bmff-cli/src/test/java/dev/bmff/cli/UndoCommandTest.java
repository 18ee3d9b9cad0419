package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmff repair --in-place} rebuilds a lost moov inside the file; {@code bmff undo} takes it back. */
class UndoCommandTest {
    @TempDir
    Path dir;

    @Test
    void inPlaceRepair_playsThenUndo_restoresEveryByte() throws Exception {
        Path source = Fixtures.file("h264-aac.mp4");
        ReadResult whole = BoxReader.read(source, ReadOptions.strict());
        BoxNode mdat = whole.nodes().stream().filter(n -> n.box() instanceof MediaDataBox).findFirst().orElseThrow();
        BoxNode moov = whole.nodes().stream().filter(n -> n.box() instanceof MovieBox).findFirst().orElseThrow();
        // What a camera that crashed before writing its moov leaves: no moov, mdat size 0.
        byte[] broken = Arrays.copyOf(Files.readAllBytes(source), (int) moov.header().offset());
        Arrays.fill(broken, (int) mdat.header().offset(), (int) mdat.header().offset() + 4, (byte) 0);
        Path file = dir.resolve("camera.mp4");
        Files.write(file, broken);

        int code = run("repair", "--in-place", source.toString(), file.toString(), dir.resolve("unused.mp4").toString());
        assertTrue(code == 0 || code == RepairCommand.EXIT_PARTIAL, "repair exit " + code);
        assertTrue(BoxReader.read(file, ReadOptions.strict()).movie().isPresent(), "a moov was appended");
        assertTrue(Files.exists(dir.resolve("camera.mp4.bmff-undo")), "the undo file is beside it");
        assertEquals("", ExternalTools.decodeErrors(file));

        assertEquals(0, run("undo", file.toString()));
        assertArrayEquals(broken, Files.readAllBytes(file), "every byte back as it was");
        assertFalse(Files.exists(dir.resolve("camera.mp4.bmff-undo")), "the undo file is gone");
    }

    private static int run(String... args) {
        return Main.run(List.of(args), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }
}

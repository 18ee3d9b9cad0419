package dev.bmff.recover.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.FreeSpaceBox;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output whose media copy runs beside the walk: the file it finishes is byte for byte the one the sequential
 * {@link OutputFile#write} writes (also when the copy ran past the last sample and must be cut), and a repair that
 * fails or is abandoned leaves no file at all.
 */
class EarlyOutputTest {
    @TempDir
    Path dir;

    private static final List<Box> HEAD = List.of(new FileTypeBox(FourCC.of("ftyp"), FourCC.of("isom"), 512,
            List.of(FourCC.of("isom"), FourCC.of("mp41"))));
    private static final Box MOOV = FreeSpaceBox.ofTotalSize(100);

    private Path source(int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(dir.resolve("broken.mp4"), b);
    }

    @Test
    void finish_afterTheCopyRanPastTheLastSample_equalsTheSequentialOutput() throws IOException {
        // More than two copy steps of media, of which the last sample ends 5 MiB before the data does.
        int size = (int) (2 * OutputFile.STEP + (7 << 20));
        Path broken = source(size);
        long mediaStart = 1000;
        long mediaLength = size - mediaStart - (5 << 20);
        try (FileChannel in = FileChannel.open(broken)) {
            OutputFile.write(dir.resolve("sequential.mp4"), HEAD, in, mediaStart, mediaLength, MOOV);
            try (EarlyOutput early = EarlyOutput.start(dir.resolve("early.mp4"), HEAD, in, mediaStart,
                    size - mediaStart)) {
                assertEquals(Files.size(dir.resolve("sequential.mp4")) - mediaLength - 100, early.dataStart());
                early.finish(mediaLength, MOOV);
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("sequential.mp4")), Files.readAllBytes(dir.resolve("early.mp4")));
        assertEquals(List.of("broken.mp4", "early.mp4", "sequential.mp4"), names());
    }

    @Test
    void finish_withEveryByteOfTheMedia_equalsTheSequentialOutput() throws IOException {
        Path broken = source(3 << 20);
        try (FileChannel in = FileChannel.open(broken)) {
            OutputFile.write(dir.resolve("sequential.mp4"), List.of(), in, 16, (3 << 20) - 16, MOOV);
            try (EarlyOutput early = EarlyOutput.start(dir.resolve("early.mp4"), List.of(), in, 16, (3 << 20) - 16)) {
                early.finish((3 << 20) - 16, MOOV);
            }
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("sequential.mp4")), Files.readAllBytes(dir.resolve("early.mp4")));
    }

    @Test
    void close_withoutFinish_stopsTheCopyAndLeavesNothing() throws IOException {
        Path broken = source(8 << 20);
        try (FileChannel in = FileChannel.open(broken);
                EarlyOutput early = EarlyOutput.start(dir.resolve("out.mp4"), HEAD, in, 0, 8 << 20)) {
            assertEquals(2, names().size(), "the temporary file is there while the copy runs");
        }
        assertEquals(List.of("broken.mp4"), names());
    }

    @Test
    void finish_whenTheSourceEndsBeforeTheMedia_failsAndLeavesNothing() throws IOException {
        Path broken = source(1 << 20);
        try (FileChannel in = FileChannel.open(broken)) {
            EarlyOutput early = EarlyOutput.start(dir.resolve("out.mp4"), HEAD, in, 0, 2 << 20);
            try (early) {
                assertThrows(EOFException.class, () -> early.finish(2 << 20, MOOV));
            }
        }
        assertEquals(List.of("broken.mp4"), names());
        assertFalse(Files.exists(dir.resolve("out.mp4")));
    }

    @Test
    void finish_pastTheMediaData_isRefused() throws IOException {
        Path broken = source(1 << 20);
        try (FileChannel in = FileChannel.open(broken);
                EarlyOutput early = EarlyOutput.start(dir.resolve("out.mp4"), HEAD, in, 0, 1 << 20)) {
            assertThrows(IllegalArgumentException.class, () -> early.finish((1 << 20) + 1, MOOV));
            assertThrows(IllegalArgumentException.class, () -> early.finish(0, MOOV));
        }
        assertEquals(List.of("broken.mp4"), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

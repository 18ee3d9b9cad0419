package dev.bmff.recover.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Motion JPEG samples longer than the matcher's first read (it reads a quarter of its bound first) are found
 * whole; two fields per sample ({@code mjpa}) are one sample; an image without its EOI before the end is none.
 */
class MotionJpegMatcherTest {
    @TempDir
    Path dir;

    /** SOI, {@code padding} bytes of APPn segments, DQT, SOF0 64x48, DHT, SOS, entropy data, EOI. */
    private static byte[] image(int padding) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        for (int left = padding; left > 0; left -= 60_000) {
            segment(o, 0xE2, new byte[Math.min(60_000, left)]);
        }
        segment(o, 0xDB, new byte[65]);
        segment(o, 0xC0, new byte[] {8, 0, 48, 0, 64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        segment(o, 0xC4, new byte[29]);
        segment(o, 0xDA, new byte[] {3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0});
        o.writeBytes(new byte[] {0x12, (byte) 0xFF, 0, 0x34, (byte) 0xFF, (byte) 0xD9});
        return o.toByteArray();
    }

    private static void segment(ByteArrayOutputStream o, int marker, byte[] body) {
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((body.length + 2) >> 8),
            (byte) (body.length + 2)});
        o.writeBytes(body);
    }

    private Match match(MotionJpegMatcher m, byte[] data) throws Exception {
        Path f = dir.resolve("data.bin");
        Files.write(f, data);
        try (FileChannel ch = FileChannel.open(f)) {
            return m.match(new MediaWindow(ch, 0, data.length), 0, null, false);
        }
    }

    @Test
    void sampleLongerThanTheFirstRead_isFoundWhole() throws Exception {
        byte[] big = image(200_000);
        byte[] data = java.util.Arrays.copyOf(big, big.length + 1000);
        // Bound 400 kB: the first read is 100 kB, the image 200 kB.
        assertEquals(big.length, match(new MotionJpegMatcher(1, 64, 48, 400_000), data).length());
        // Beyond the bound it is none.
        assertNull(match(new MotionJpegMatcher(1, 64, 48, 150_000), data));
        // Cut before its EOI it is none.
        assertNull(match(new MotionJpegMatcher(1, 64, 48, 400_000), java.util.Arrays.copyOf(big, big.length - 1)));
    }

    @Test
    void twoFieldsPerSample_areOneSample_andAnotherSizeIsNone() throws Exception {
        byte[] field = image(0);
        byte[] two = new byte[2 * field.length + 10];
        System.arraycopy(field, 0, two, 0, field.length);
        System.arraycopy(field, 0, two, field.length, field.length);
        assertEquals(2L * field.length, match(new MotionJpegMatcher(2, 64, 48, 1 << 20), two).length());
        assertEquals(field.length, match(new MotionJpegMatcher(1, 64, 48, 1 << 20), two).length());
        assertNull(match(new MotionJpegMatcher(1, 640, 48, 1 << 20), two));
    }
}

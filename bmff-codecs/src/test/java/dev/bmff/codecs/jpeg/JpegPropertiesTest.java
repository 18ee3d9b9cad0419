package dev.bmff.codecs.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.testing.FuzzRegressions;
import java.io.ByteArrayOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The JPEG marker walk: an image's exact length with stuffed bytes, restart markers and fill bytes; typed errors
 * only on random bytes and on an image with bytes changed, never a length past the bound or the data.
 */
public class JpegPropertiesTest {
    public static final String TARGET = "jpeg";

    /** SOI, APP0, DQT, SOF0 (64x48 4:2:0), DHT, SOS, entropy data with FF 00 and RST0, fill bytes, EOI. */
    static byte[] image() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        segment(o, 0xE0, "JFIF\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        segment(o, 0xDB, new byte[65]);
        segment(o, 0xC0, new byte[] {8, 0, 48, 0, 64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        segment(o, 0xC4, new byte[29]);
        segment(o, 0xDA, new byte[] {3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0});
        o.writeBytes(new byte[] {0x12, (byte) 0xFF, 0, 0x34, (byte) 0xFF, (byte) 0xD0, 0x56, 0x78});
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xD9});
        return o.toByteArray();
    }

    private static void segment(ByteArrayOutputStream o, int marker, byte[] body) {
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) ((body.length + 2) >> 8),
            (byte) (body.length + 2)});
        o.writeBytes(body);
    }

    @Test
    void image_withStuffingRestartAndFill_hasItsExactLength() throws Exception {
        byte[] img = image();
        byte[] more = java.util.Arrays.copyOf(img, img.length + 100);
        JpegImage j = JpegImage.scan(more, 0, more.length, 1 << 20);
        assertEquals(img.length, j.length());
        assertEquals(64, j.frameHeader().width());
        assertEquals(48, j.frameHeader().height());
        assertEquals("4:2:0", j.frameHeader().chroma());
        assertEquals(1, j.scans());
        BitstreamException cut = assertThrows(BitstreamException.class,
                () -> JpegImage.scan(img, 0, img.length - 1, 1 << 20));
        assertEquals(BitstreamException.Kind.TRUNCATED, cut.kind());
        BitstreamException large = assertThrows(BitstreamException.class,
                () -> JpegImage.scan(more, 0, more.length, img.length - 10));
        assertEquals(BitstreamException.Kind.TOO_LARGE, large.kind());
    }

    @Property(tries = 1000)
    void scan_onRandomBytes_throwsOnlyBitstreamException(@ForAll @Size(max = 200) byte[] data) {
        FuzzRegressions.guard(TARGET, data, () -> check(data));
    }

    @Property(tries = 1000)
    void scan_ofAnImageWithBytesChanged_throwsOnlyBitstreamException(@ForAll @IntRange(min = 0, max = 180) int at,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 180) int cut) {
        byte[] img = image();
        byte[] data = img.clone();
        data[at % data.length] = value;
        byte[] shorter = java.util.Arrays.copyOf(data, Math.max(0, data.length - cut));
        FuzzRegressions.guard(TARGET, shorter, () -> check(shorter));
    }

    /** Typed errors only; a length found is within the data and the bound. */
    public static void check(byte[] data) {
        for (int bound : new int[] {data.length, 64}) {
            try {
                JpegImage j = JpegImage.scan(data, 0, data.length, bound);
                assertTrue(j.length() <= data.length && j.length() <= bound, "length " + j.length());
            } catch (BitstreamException expected) {
                // the only failure allowed
            }
        }
    }
}

package dev.bmff.codecs.prores;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.testing.FuzzRegressions;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The ProRes frame header parser on random bytes and on ffmpeg's header with bytes changed: typed errors only. */
public class ProResPropertiesTest {
    public static final String TARGET = "prores";
    /** prores_ks -profile:v 0 at 64x48, yuv422p10: its first 32 bytes. */
    static final byte[] HEADER = HexFormat.of().parseHex("0000029369637066009400004c61766300400030800002020240000304"
            + "07090b0d");

    @Test
    void ffmpegHeader_parses() throws Exception {
        ProResFrameHeader h = ProResFrameHeader.parse(HEADER, 0, HEADER.length);
        assertEquals(0x293, h.frameSize());
        assertEquals(148, h.headerSize());
        assertEquals("Lavc", h.encoder());
        assertEquals(64, h.width());
        assertEquals(48, h.height());
        assertEquals("4:2:2", h.chroma());
        assertEquals(false, h.interlaced());
        assertEquals(0, h.alphaChannelType());
    }

    @Property(tries = 1000)
    void header_onRandomBytes_throwsOnlyBitstreamException(@ForAll @Size(max = 40) byte[] data) {
        FuzzRegressions.guard(TARGET, data, () -> check(data));
    }

    @Property(tries = 1000)
    void header_withBytesChanged_throwsOnlyBitstreamException(@ForAll @IntRange(min = 0, max = 31) int at,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 32) int cut) {
        byte[] data = HEADER.clone();
        data[at] = value;
        byte[] shorter = java.util.Arrays.copyOf(data, data.length - cut);
        FuzzRegressions.guard(TARGET, shorter, () -> check(shorter));
    }

    public static void check(byte[] data) {
        try {
            ProResFrameHeader.parse(data, 0, data.length);
        } catch (BitstreamException expected) {
            // the only failure allowed
        }
    }
}

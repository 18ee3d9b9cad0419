package dev.bmff.codecs.mpeg4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.testing.FuzzRegressions;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The MPEG-4 Part 2 header parsers on random bytes and on ffmpeg's headers with bytes changed: a BitstreamException
 * is the only failure allowed; and the start code search equals a byte-by-byte twin.
 */
public class Mpeg4PropertiesTest {
    public static final String TARGET = "mpeg4";
    /** ffmpeg 5.1's mpeg4 -bf 2 headers for 64x48 at 25 fps (esds DecoderSpecificInfo): VOS f1, VO, VOL, user data. */
    static final byte[] HEADERS = HexFormat.of().parseHex("000001b0f1000001b5a913000001000000012008d48d0800cd0204"
            + "0614103f000001b24c61766335392e33372e313030");
    /** Its first sample's first bytes: GOV, then an I-VOP. */
    static final byte[] FIRST_SAMPLE = HexFormat.of().parseHex("000001b3001007000001b610606d608f06f03360cde042ca5c5d67"
            + "c49fc24dc1f66a2ffe22acd8bb");

    @Test
    void ffmpegHeaders_parseAsFfprobeShowsThem() throws Exception {
        Mpeg4VideoConfig c = Mpeg4VideoConfig.parse(HEADERS);
        assertEquals(0xF1, c.profileAndLevel());
        assertEquals("Advanced Simple Profile", c.profileName());
        assertEquals(1, c.level());
        assertEquals(64, c.vol().width());
        assertEquals(48, c.vol().height());
        assertEquals(25, c.vol().timeIncrementResolution());
        assertEquals(false, c.vol().interlaced());
        int vop = StartCodes.next(FIRST_SAMPLE, 4, FIRST_SAMPLE.length);
        assertEquals(StartCodes.VOP, StartCodes.code(FIRST_SAMPLE, vop));
        VopHeader h = VopHeader.parse(FIRST_SAMPLE, vop + 4, FIRST_SAMPLE.length - vop - 4, c.vol());
        assertEquals(VopHeader.Type.I, h.type());
        assertTrue(h.coded());
    }

    @Property(tries = 1000)
    void headers_onRandomBytes_throwOnlyBitstreamException(@ForAll @Size(max = 80) byte[] data) {
        FuzzRegressions.guard(TARGET, data, () -> check(data));
    }

    @Property(tries = 1000)
    void headers_withBytesChanged_throwOnlyBitstreamException(@ForAll @IntRange(min = 0, max = 59) int at,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 59) int cut) {
        byte[] data = HEADERS.clone();
        data[at % data.length] = value;
        byte[] shorter = java.util.Arrays.copyOf(data, Math.max(0, data.length - cut));
        FuzzRegressions.guard(TARGET, shorter, () -> check(shorter));
    }

    @Property(tries = 1000)
    void startCodeSearch_equalsTheByteByByteTwin(@ForAll @Size(max = 64) byte[] data,
            @ForAll @IntRange(min = 0, max = 64) int from) {
        int expected = -1;
        for (int i = from; i + 2 < data.length; i++) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                expected = i;
                break;
            }
        }
        assertEquals(expected, StartCodes.next(data, from, data.length));
    }

    /** {@code data} as headers and, after them, as the VOP header of its layer: typed errors only. */
    public static void check(byte[] data) {
        try {
            Mpeg4VideoConfig c = Mpeg4VideoConfig.find(data, 0, data.length);
            VideoObjectLayer vol = c != null ? c.vol() : Mpeg4VideoConfig.parse(HEADERS).vol();
            VopHeader.parse(data, 0, data.length, vol);
        } catch (BitstreamException expected) {
            // the only failure allowed
        }
    }
}

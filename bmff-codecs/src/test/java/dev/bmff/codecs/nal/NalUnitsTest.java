package dev.bmff.codecs.nal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bmff.codecs.bits.BitstreamException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NalUnitsTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void annexB_threeAndFourByteStartCodes_andTrailingZeros_areNotPartOfUnits() throws Exception {
        byte[] s = b(0, 0, 0, 0, 1, 0x67, 0x42, 0, 0, 1, 0x68, 0xCE, 0, 0, 0, 0, 0, 1, 0x65, 0x88, 0x80, 0, 0);
        List<NalRange> units = NalUnits.splitAnnexB(s);
        assertEquals(List.of(new NalRange(5, 2), new NalRange(10, 2), new NalRange(18, 3)), units);
    }

    @Test
    void annexB_garbageBeforeFirstStartCode_throws() {
        assertThrows(BitstreamException.class, () -> NalUnits.splitAnnexB(b(5, 0, 0, 1, 0x67)));
        assertThrows(BitstreamException.class, () -> NalUnits.splitAnnexB(b(0x67, 0x42)));
    }

    @Test
    void annexB_emptyAndZeroOnly_giveNoUnits() throws Exception {
        assertEquals(List.of(), NalUnits.splitAnnexB(new byte[0]));
        assertEquals(List.of(), NalUnits.splitAnnexB(b(0, 0, 0)));
        assertEquals(List.of(), NalUnits.splitAnnexB(b(0, 0, 1, 0, 0, 1)));
    }

    @Test
    void annexB_highBytesDoNotHideAStartCode() throws Exception {
        byte[] s = b(0, 0, 1, 0x65, 0x80, 0xFF, 0, 0, 1, 0x41);
        assertEquals(List.of(new NalRange(3, 3), new NalRange(9, 1)), NalUnits.splitAnnexB(s));
    }

    @Test
    void lengthPrefixed_allLengthSizes_split() throws Exception {
        assertEquals(List.of(new NalRange(1, 2), new NalRange(4, 1)),
                NalUnits.splitLengthPrefixed(b(2, 0x67, 0x42, 1, 0x68), 1));
        assertEquals(List.of(new NalRange(2, 1)), NalUnits.splitLengthPrefixed(b(0, 1, 0x65), 2));
        assertEquals(List.of(new NalRange(4, 2)), NalUnits.splitLengthPrefixed(b(0, 0, 0, 2, 0x65, 1), 4));
    }

    @Test
    void lengthPrefixed_overrunsAndTruncatedLengths_throw() {
        assertThrows(BitstreamException.class, () -> NalUnits.splitLengthPrefixed(b(0, 0, 0, 9, 0x65), 4));
        assertThrows(BitstreamException.class, () -> NalUnits.splitLengthPrefixed(b(0, 0, 0x65), 4));
        assertThrows(BitstreamException.class, () -> NalUnits.splitLengthPrefixed(b(0xFF, 0xFF, 0xFF, 0xFF, 1), 4));
        assertThrows(BitstreamException.class, () -> NalUnits.splitLengthPrefixed(b(0, 1, 0x65), 3));
    }

    @Test
    void conversions_knownBytes() throws Exception {
        byte[] annexB = b(0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x68);
        byte[] sample = NalUnits.annexBToLengthPrefixed(annexB, 2);
        assertArrayEquals(b(0, 2, 0x67, 0x42, 0, 1, 0x68), sample);
        assertArrayEquals(b(0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x68), NalUnits.lengthPrefixedToAnnexB(sample, 2));
    }

    @Test
    void annexBToLengthPrefixed_unitTooLongForOneByteLength_throws() {
        byte[] s = new byte[3 + 300];
        s[2] = 1;
        java.util.Arrays.fill(s, 3, s.length, (byte) 0x41);
        assertThrows(BitstreamException.class, () -> NalUnits.annexBToLengthPrefixed(s, 1));
    }
}

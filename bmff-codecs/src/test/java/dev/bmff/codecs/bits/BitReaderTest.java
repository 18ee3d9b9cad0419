package dev.bmff.codecs.bits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitReaderTest {
    @Test
    void expGolomb_knownCodes_decodeToTheirValues() throws Exception {
        // ue: 1 -> 0, 010 -> 1, 011 -> 2, 00100 -> 3; se: 010 -> +1, 011 -> -1
        BitReader r = new BitReader(new byte[] {(byte) 0b1010_0110, (byte) 0b0100_0100, (byte) 0b1100_0000});
        assertEquals(0, r.ue("a"));
        assertEquals(1, r.ue("b"));
        assertEquals(2, r.ue("c"));
        assertEquals(3, r.ue("d"));
        assertEquals(1, r.se("e"));
        assertEquals(-1, r.se("f"));
    }

    @Test
    void u_acrossByteBoundaries_readsMsbFirst() throws Exception {
        BitReader r = new BitReader(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        assertEquals(0xA, r.u(4, "x"));
        assertEquals(0xBCD, r.u(12, "y"));
        assertEquals(0xEF, r.u(8, "z"));
        assertEquals(0, r.remaining());
    }

    @Test
    void read_pastTheEnd_throwsNamingTheElement() {
        BitReader r = new BitReader(new byte[] {0x00});
        BitstreamException e = assertThrows(BitstreamException.class, () -> r.ue("seq_parameter_set_id"));
        assertTrue(e.getMessage().contains("seq_parameter_set_id"), e.getMessage());
    }

    @Test
    void ue_longerThan32Zeros_isRejected() {
        BitReader r = new BitReader(new byte[8]);
        assertThrows(BitstreamException.class, () -> r.ue("x"));
    }

    @Test
    void moreRbspData_beforeStopBit_isTrueThenFalse() throws Exception {
        // payload bit 1, then stop bit 1 and alignment zeros: 1 1 000000
        BitReader r = new BitReader(new byte[] {(byte) 0b1100_0000});
        assertTrue(r.moreRbspData());
        assertTrue(r.flag("x"));
        assertFalse(r.moreRbspData());
    }

    @Test
    void rbsp_escapeAndUnescape_insertAndRemoveEmulationPrevention() {
        byte[] rbsp = {0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4};
        byte[] ebsp = Rbsp.escape(rbsp);
        assertArrayEquals(new byte[] {0, 0, 3, 0, 0, 3, 0, 1, 0, 0, 3, 2, 0, 0, 3, 3, 0, 0, 4}, ebsp);
        assertArrayEquals(rbsp, Rbsp.unescape(ebsp));
    }
}

package dev.bmff.codecs.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NalHeaderTest {
    @Test
    void headerBytes_decodeAndEncode() {
        NalHeader idr = NalHeader.of((byte) 0x65);
        assertEquals(3, idr.nalRefIdc());
        assertTrue(idr.isIdr());
        assertEquals("IDR slice", idr.typeName());
        assertEquals((byte) 0x65, idr.toByte());
        NalHeader bad = NalHeader.of((byte) 0x81);
        assertTrue(bad.forbiddenZeroBit());
        assertFalse(bad.isReference());
        assertEquals(4, NalHeader.of((byte) 0x74).headerLength());
        assertEquals("reserved", NalHeader.of((byte) 0x17).typeName());
        assertEquals("unspecified", NalHeader.of((byte) 0x1F).typeName());
    }

    @Test
    void sliceTypes_areModuloFive() {
        assertEquals(SliceType.P, SliceType.of(0));
        assertEquals(SliceType.B, SliceType.of(6));
        assertEquals(SliceType.I, SliceType.of(7));
        assertEquals(SliceType.SI, SliceType.of(9));
        assertTrue(SliceType.SP.isPredictive());
    }
}

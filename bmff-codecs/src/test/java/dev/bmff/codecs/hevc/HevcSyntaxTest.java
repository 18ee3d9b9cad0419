package dev.bmff.codecs.hevc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made bitstreams for the syntax the x265 clips do not reach. */
class HevcSyntaxTest {
    @Test
    void nalHeader_fields_names_andRanges() throws Exception {
        NalHeader h = NalHeader.parse(new byte[] {0x40, 0x01});
        assertEquals(NalHeader.VPS_NUT, h.type());
        assertEquals(0, h.temporalId());
        assertEquals("VPS_NUT", h.typeName());
        NalHeader cra = new NalHeader(0, NalHeader.CRA_NUT, 5, 3);
        assertEquals(cra, NalHeader.parse(cra.toBytes()));
        assertTrue(cra.isIrap());
        assertFalse(cra.isIdr());
        assertTrue(NalHeader.isIrap(22) && NalHeader.isIrap(23) && !NalHeader.isIrap(24) && !NalHeader.isIrap(15));
        assertTrue(NalHeader.isBla(18) && !NalHeader.isBla(19));
        assertTrue(NalHeader.isRasl(8) && NalHeader.isRasl(9) && NalHeader.isRadl(6) && NalHeader.isRadl(7));
        assertTrue(NalHeader.isSubLayerNonReference(NalHeader.TRAIL_N));
        assertFalse(NalHeader.isSubLayerNonReference(NalHeader.TRAIL_R));
        assertFalse(NalHeader.isSubLayerNonReference(NalHeader.BLA_W_LP));
        assertEquals("RSV_VCL24", NalHeader.typeName(24));
        assertEquals("UNSPEC63", NalHeader.typeName(63));
        assertThrows(BitstreamException.class, () -> NalHeader.parse(new byte[] {0x40, 0x00}));
        assertThrows(BitstreamException.class, () -> NalHeader.parse(new byte[] {0x40}));
    }

    private static ShortTermRefPicSet explicitSet(BitWriter w) {
        // S0 = {-1, -3}, S1 = {+2}, all used.
        w.ue(2).ue(1).ue(0).flag(true).ue(1).flag(true).ue(1).flag(true);
        return null;
    }

    @Test
    void stRefPicSet_interPrediction_derivesListsAs7_61And7_62() throws Exception {
        BitWriter w = new BitWriter();
        explicitSet(w);
        // Set 1 predicted from set 0 with deltaRps = -1. Entries j: 0 (-1), 1 (-3), 2 (+2), 3 (the ref pic).
        w.flag(true).flag(true).ue(0);
        w.flag(true);                 // j0: -1-1 = -2, used
        w.flag(false).flag(true);     // j1: -3-1 = -4, not used but kept
        w.flag(false).flag(false);    // j2: +2-1 = +1, dropped (use_delta_flag 0)
        w.flag(true);                 // j3: deltaRps -1 itself, used
        BitReader r = new BitReader(w.toByteArray());
        List<ShortTermRefPicSet> sets = new ArrayList<>();
        sets.add(ShortTermRefPicSet.parse(r, 0, 2, sets, 15));
        sets.add(ShortTermRefPicSet.parse(r, 1, 2, sets, 15));
        ShortTermRefPicSet s0 = sets.get(0);
        assertEquals(List.of(-1, -3), s0.deltaPocS0());
        assertEquals(List.of(2), s0.deltaPocS1());
        ShortTermRefPicSet s1 = sets.get(1);
        assertTrue(s1.interRefPicSetPrediction());
        assertEquals(List.of(-1, -2, -4), s1.deltaPocS0());
        assertEquals(List.of(true, true, false), s1.usedByCurrPicS0());
        assertEquals(List.of(), s1.deltaPocS1());
        assertEquals(2, s1.numUsedByCurr());
    }

    @Test
    void stRefPicSet_inSliceHeader_readsDeltaIdx_andPositiveShift() throws Exception {
        BitWriter w = new BitWriter();
        explicitSet(w);
        w.flag(false).ue(0).ue(0);    // set 1: not predicted, empty
        // Slice-header set (stRpsIdx 2 == numSets): delta_idx_minus1 = 1 -> ref set 0; deltaRps = +2.
        w.flag(true).ue(1).flag(false).ue(1);
        w.flag(true);                 // j0: -1+2 = +1
        w.flag(true);                 // j1: -3+2 = -1
        w.flag(true);                 // j2: +2+2 = +4
        w.flag(true);                 // j3: +2 itself
        BitReader r = new BitReader(w.toByteArray());
        List<ShortTermRefPicSet> sets = new ArrayList<>();
        sets.add(ShortTermRefPicSet.parse(r, 0, 2, sets, 15));
        sets.add(ShortTermRefPicSet.parse(r, 1, 2, sets, 15));
        ShortTermRefPicSet s = ShortTermRefPicSet.parse(r, 2, 2, sets, 15);
        assertEquals(List.of(-1), s.deltaPocS0());
        assertEquals(List.of(1, 2, 4), s.deltaPocS1());
    }

    @Test
    void stRefPicSet_rejectsTooManyPictures() {
        BitWriter w = new BitWriter().ue(3).ue(0);
        assertThrows(BitstreamException.class,
                () -> ShortTermRefPicSet.parse(new BitReader(w.toByteArray()), 0, 1, List.of(), 2));
    }

    @Test
    void scalingList_predictionFromDefaultsAndReferences_andDc() throws Exception {
        BitWriter w = new BitWriter();
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                if (sizeId == 2 && matrixId == 0) {
                    w.flag(true).se(8);          // scaling_list_dc_coef_minus8 = 8: DC 16
                    w.se(1);                     // first coef 17
                    for (int i = 1; i < 64; i++) {
                        w.se(0);
                    }
                } else if (sizeId == 2 && matrixId == 1) {
                    w.flag(false).ue(1);         // copy of matrix 0
                } else if (sizeId == 3 && matrixId == 3) {
                    w.flag(false).ue(1);         // 32x32: delta counts in steps of 3 -> matrix 0
                } else {
                    w.flag(false).ue(0);         // default
                }
            }
        }
        ScalingList sl = ScalingList.parse(new BitReader(w.toByteArray()));
        assertEquals(ScalingList.defaultList(1, 4), sl.coefficients(1, 4));
        assertEquals(115, sl.coefficients(1, 0).get(63));
        assertEquals(91, sl.coefficients(1, 3).get(63));
        List<Integer> seventeen = java.util.Collections.nCopies(64, 17);
        assertEquals(seventeen, sl.coefficients(2, 0));
        assertEquals(seventeen, sl.coefficients(2, 1));
        assertEquals(16, sl.dc().get(0).get(0));
        assertEquals(16, sl.dc().get(0).get(1));
        assertEquals(ScalingList.defaultList(3, 0), sl.coefficients(3, 0));
        assertEquals(sl.coefficients(3, 0), sl.coefficients(3, 3));
        assertEquals(List.of(), sl.coefficients(3, 1));
    }

    private static PocCalculator.Picture pic(PocCalculator c, int type, int tid, int lsb) {
        return c.next(new NalHeader(0, type, 0, tid + 1), lsb, 16);
    }

    @Test
    void poc_msbWrapsBothWays_andFollowsOnlyTid0ReferencePictures() {
        PocCalculator c = new PocCalculator();
        assertEquals(0, pic(c, NalHeader.IDR_W_RADL, 0, 0).poc());
        assertEquals(6, pic(c, NalHeader.TRAIL_R, 0, 6).poc());
        assertEquals(12, pic(c, NalHeader.TRAIL_R, 0, 12).poc());
        // TemporalId 1 and TRAIL_N do not become prevTid0Pic.
        assertEquals(10, pic(c, NalHeader.TSA_N, 1, 10).poc());
        assertEquals(19, pic(c, NalHeader.TRAIL_N, 0, 3).poc());
        assertEquals(11, pic(c, NalHeader.TRAIL_R, 0, 11).poc());  // measured from 12, not from the TRAIL_N's 19
        assertEquals(18, pic(c, NalHeader.TRAIL_R, 0, 2).poc());   // 2 < 11 by >= 8: MSB + 16
        assertEquals(24, pic(c, NalHeader.TRAIL_R, 0, 8).poc());
        assertEquals(30, pic(c, NalHeader.TRAIL_R, 0, 14).poc());
        assertEquals(36, pic(c, NalHeader.TRAIL_R, 0, 4).poc());   // 4 < 14 by >= 8: MSB + 16
        assertEquals(29, pic(c, NalHeader.RASL_N, 0, 13).poc());   // 13 > 4 by > 8: MSB - 16
        // The RASL picture is not prevTid0Pic: the next one is still measured from LSB 4.
        assertEquals(44, pic(c, NalHeader.TRAIL_R, 0, 12).poc());
        // An IDR restarts; a CRA inside the stream does not.
        assertEquals(0, pic(c, NalHeader.IDR_N_LP, 0, 0).poc());
        PocCalculator.Picture cra = pic(c, NalHeader.CRA_NUT, 0, 8);
        assertEquals(8, cra.poc());
        assertFalse(cra.noRaslOutputFlag());
        assertTrue(pic(c, NalHeader.RASL_R, 0, 5).decodable());
    }

    @Test
    void poc_streamStartingAtCra_orAfterEos_resets_andItsRaslAreNotDecodable() {
        PocCalculator c = new PocCalculator();
        PocCalculator.Picture cra = pic(c, NalHeader.CRA_NUT, 0, 9);
        assertTrue(cra.noRaslOutputFlag());
        assertEquals(9, cra.poc());
        PocCalculator.Picture rasl = pic(c, NalHeader.RASL_N, 0, 7);
        assertEquals(7, rasl.poc());
        assertFalse(rasl.decodable());
        assertTrue(pic(c, NalHeader.RADL_N, 0, 8).decodable());
        assertTrue(pic(c, NalHeader.TRAIL_R, 0, 10).decodable());
        c.endOfSequence();
        PocCalculator.Picture after = pic(c, NalHeader.CRA_NUT, 0, 3);
        assertTrue(after.noRaslOutputFlag());
        assertEquals(3, after.poc());
        assertFalse(pic(c, NalHeader.RASL_R, 0, 1).decodable());
        PocCalculator bla = new PocCalculator(true);
        pic(bla, NalHeader.IDR_W_RADL, 0, 0);
        pic(bla, NalHeader.TRAIL_R, 0, 8);
        assertTrue(pic(bla, NalHeader.CRA_NUT, 0, 12).noRaslOutputFlag());
    }

    @Test
    void hvcC_buildsTheBytesTheStandardLaysOut() throws Exception {
        HevcConfiguration c = new HevcConfiguration(1, 0, false, 1, 0x60000000, 0x900000000000L, 93, 0, 0, 1, 0, 0,
                0, 0, 1, true, 3, List.of(new HevcConfiguration.NalArray(true, 32,
                        List.of(dev.bmff.core.box.Bytes.of((byte) 0x40, (byte) 0x01, (byte) 0xAA)))));
        byte[] expected = {1, 0x01, 0x60, 0, 0, 0, (byte) 0x90, 0, 0, 0, 0, 0, 93, (byte) 0xF0, 0, (byte) 0xFC,
            (byte) 0xFD, (byte) 0xF8, (byte) 0xF8, 0, 0, 0x0F, 1, (byte) 0xA0, 0, 1, 0, 3, 0x40, 0x01, (byte) 0xAA};
        assertArrayEquals(expected, c.toBytes());
        assertEquals(c, HevcConfiguration.parse(expected));
        byte[] lying = expected.clone();
        lying[25] = (byte) 0xFF;   // numNalus 0xFF01 in 6 bytes
        assertThrows(BitstreamException.class, () -> HevcConfiguration.parse(lying));
    }
}

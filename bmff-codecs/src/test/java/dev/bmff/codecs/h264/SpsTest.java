package dev.bmff.codecs.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.Rbsp;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-built parameter sets for the syntax x264's fixtures never use. */
class SpsTest {
    static byte[] nal(int header, BitWriter w) {
        w.trailingBits();
        byte[] rbsp = Rbsp.escape(w.toByteArray());
        byte[] out = new byte[rbsp.length + 1];
        out[0] = (byte) header;
        System.arraycopy(rbsp, 0, out, 1, rbsp.length);
        return out;
    }

    /** High 4:2:2 10-bit, scaling matrix, POC type 1, fields, cropping, full VUI with NAL HRD. */
    static BitWriter richSps() {
        BitWriter w = new BitWriter();
        w.u(8, 122).u(8, 0b0001_0000).u(8, 40).ue(3);
        w.ue(2).ue(2).ue(2).flag(false); // chroma 4:2:2, 10-bit luma and chroma, no bypass
        w.flag(true); // seq_scaling_matrix_present_flag: 8 lists
        w.flag(true).se(-8); // list 0: 8 + (-8) = 0 at j 0 -> default
        w.flag(true).se(2).se(1).se(-11); // list 1: 10, 11, then 0 -> the rest repeat 11
        for (int i = 2; i < 8; i++) {
            w.flag(false);
        }
        w.ue(0); // log2_max_frame_num 4
        w.ue(1).flag(false).se(-2).se(1).ue(3).se(4).se(2).se(-1); // POC type 1, cycle of 3
        w.ue(4).flag(false); // max_num_ref_frames, gaps
        w.ue(119).ue(33); // 120 MBs wide, 34 map units
        w.flag(false).flag(true); // frame_mbs_only 0, mbaff 1
        w.flag(true); // direct_8x8_inference
        w.flag(true).ue(0).ue(0).ue(0).ue(2); // crop bottom 2 units of 2 (4:2:2) * 2 (fields) rows
        w.flag(true); // VUI
        w.flag(true).u(8, 255).u(16, 4).u(16, 3); // Extended_SAR 4:3
        w.flag(true).flag(true); // overscan appropriate
        w.flag(true).u(3, 1).flag(true).flag(true).u(8, 1).u(8, 14).u(8, 1); // video signal + colour
        w.flag(true).ue(1).ue(2); // chroma loc
        w.flag(true).u(32, 1001).u(32, 60000).flag(true); // 29.97 fps
        w.flag(true).ue(1).u(4, 2).u(4, 3); // NAL HRD: 2 CPBs
        w.ue(999).ue(1999).flag(true).ue(4999).ue(5999).flag(false);
        w.u(5, 23).u(5, 23).u(5, 23).u(5, 24);
        w.flag(false); // no VCL HRD
        w.flag(true); // low_delay_hrd_flag
        w.flag(true); // pic_struct_present_flag
        w.flag(true).flag(true).ue(2).ue(1).ue(16).ue(15).ue(2).ue(4); // bitstream restriction
        return w;
    }

    @Test
    void richSps_everyFieldAndDerivedValue() throws Exception {
        Sps s = Sps.parse(nal(0x67, richSps()));
        assertEquals(122, s.profileIdc());
        assertTrue(s.constraintSet(3));
        assertFalse(s.constraintSet(0));
        assertEquals("High 4:2:2 Intra", s.profileName());
        assertEquals(40, s.levelIdc());
        assertEquals(3, s.seqParameterSetId());
        assertEquals("4:2:2", s.chroma());
        assertEquals(10, s.bitDepthLuma());
        assertEquals(10, s.bitDepthChroma());
        List<ScalingList> lists = s.scalingMatrix().lists();
        assertEquals(8, lists.size());
        assertEquals(ScalingList.State.DEFAULT, lists.get(0).state());
        assertEquals(ScalingList.DEFAULT_4X4_INTRA, lists.get(0).values());
        assertEquals(ScalingList.State.EXPLICIT, lists.get(1).state());
        assertEquals(List.of(10, 11, 11, 11), lists.get(1).values().subList(0, 4));
        assertEquals(Collections.nCopies(14, 11), lists.get(1).values().subList(2, 16));
        assertEquals(ScalingList.State.NOT_PRESENT, lists.get(2).state());
        List<List<Integer>> resolved = s.scalingMatrix().resolve(null);
        assertEquals(lists.get(1).values(), resolved.get(2)); // rule A: Cr intra copies Cb intra
        assertEquals(ScalingList.DEFAULT_4X4_INTER, resolved.get(3));
        assertEquals(ScalingList.DEFAULT_8X8_INTER, resolved.get(7));
        assertEquals(ScalingList.DEFAULT_8X8_INTRA, resolved.get(10));
        assertEquals(1, s.picOrderCntType());
        assertEquals(-2, s.offsetForNonRefPic());
        assertEquals(1, s.offsetForTopToBottomField());
        assertEquals(List.of(4, 2, -1), s.offsetForRefFrame());
        assertEquals(4, s.maxNumRefFrames());
        assertFalse(s.frameMbsOnly());
        assertTrue(s.mbAdaptiveFrameField());
        assertEquals(1920, s.width());
        assertEquals(34 * 2 * 16 - 2 * 2, s.height()); // 4:2:2 crop unit 1 row, doubled for fields
        Vui v = s.vui();
        assertArrayEquals(new int[] {4, 3}, v.sampleAspectRatio());
        assertTrue(v.overscanAppropriate());
        assertEquals(1, v.videoFormat());
        assertTrue(v.videoFullRange());
        assertEquals(14, v.transferCharacteristics());
        assertEquals(1, v.chromaSampleLocTypeTopField());
        assertEquals(2, v.chromaSampleLocTypeBottomField());
        assertEquals(60000 / 2002.0, s.frameRate().getAsDouble(), 1e-12);
        assertTrue(v.fixedFrameRate());
        HrdParameters hrd = v.nalHrd();
        assertEquals(2, hrd.cpbs().size());
        assertEquals(1000L << 8, hrd.cpbs().get(0).bitRate(hrd.bitRateScale()));
        assertEquals(2000L << 7, hrd.cpbs().get(0).cpbSize(hrd.cpbSizeScale()));
        assertTrue(hrd.cpbs().get(0).cbr());
        assertEquals(24, hrd.cpbRemovalDelayLength());
        assertEquals(24, hrd.timeOffsetLength());
        assertNull(v.vclHrd());
        assertTrue(v.lowDelayHrd());
        assertTrue(v.picStructPresent());
        assertEquals(2, v.maxNumReorderFrames());
        assertEquals(4, v.maxDecFrameBuffering());
    }

    @Test
    void truncatedSps_namesTheElementItStoppedAt() {
        byte[] full = nal(0x67, richSps());
        byte[] cut = java.util.Arrays.copyOf(full, 12);
        BitstreamException e = assertThrows(BitstreamException.class, () -> Sps.parse(cut));
        assertTrue(e.getMessage().matches("^[a-z_0-9\\[\\]]+: .*"), e.getMessage());
    }

    @Test
    void cropLargerThanPicture_throws() {
        BitWriter w = new BitWriter().u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1).flag(false).ue(0).ue(0)
                .flag(true).flag(true).flag(true).ue(0).ue(9).ue(0).ue(0).flag(false);
        BitstreamException e = assertThrows(BitstreamException.class, () -> Sps.parse(nal(0x67, w)));
        assertTrue(e.getMessage().startsWith("frame_crop_left_offset"), e.getMessage());
    }

    @Test
    void notAnSps_throws() {
        assertThrows(BitstreamException.class, () -> Sps.parse(new byte[] {0x68, 0x00}));
        assertThrows(BitstreamException.class, () -> Sps.parse(new byte[0]));
    }

    @Test
    void pps_highTail_withScalingMatrixFromSps444() throws Exception {
        BitWriter sw = new BitWriter().u(8, 244).u(8, 0).u(8, 30).ue(0).ue(3).flag(false).ue(0).ue(0).flag(false)
                .flag(false).ue(0).ue(2).ue(1).flag(false).ue(9).ue(9).flag(true).flag(true).flag(false).flag(false);
        Sps sps = Sps.parse(nal(0x67, sw));
        assertEquals("4:4:4", sps.chroma());
        assertNull(sps.scalingMatrix());
        BitWriter pw = new BitWriter().ue(5).ue(0).flag(true).flag(true).ue(1).ue(1) // 2 slice groups, type 1
                .ue(2).ue(0).flag(true).u(2, 2).se(-3).se(1).se(-2).flag(true).flag(false).flag(true)
                .flag(true).flag(true); // transform_8x8_mode, pic_scaling_matrix_present
        for (int i = 0; i < 12; i++) { // 6 + 6 lists with 4:4:4
            pw.flag(i == 11);
        }
        pw.se(-8); // list 11: default
        pw.se(4);
        Pps pps = Pps.parse(nal(0x68, pw), Map.of(0, sps));
        assertEquals(5, pps.picParameterSetId());
        assertTrue(pps.entropyCodingModeFlag());
        assertTrue(pps.bottomFieldPicOrderInFramePresent());
        assertEquals(2, pps.numSliceGroups());
        assertEquals(1, pps.sliceGroupMapType());
        assertEquals(3, pps.numRefIdxL0DefaultActive());
        assertEquals(1, pps.numRefIdxL1DefaultActive());
        assertTrue(pps.weightedPredFlag());
        assertEquals(2, pps.weightedBipredIdc());
        assertEquals(23, pps.picInitQp());
        assertEquals(27, pps.picInitQs());
        assertEquals(-2, pps.chromaQpIndexOffset());
        assertTrue(pps.deblockingFilterControlPresent());
        assertFalse(pps.constrainedIntraPred());
        assertTrue(pps.redundantPicCntPresent());
        assertTrue(pps.transform8x8Mode());
        assertEquals(12, pps.picScalingMatrix().lists().size());
        assertEquals(ScalingList.DEFAULT_8X8_INTER, pps.picScalingMatrix().lists().get(11).values());
        List<List<Integer>> resolved = pps.picScalingMatrix().resolve(ScalingMatrix.flat());
        assertEquals(Collections.nCopies(16, 16), resolved.get(0)); // rule B: falls back to the SPS (flat)
        assertEquals(4, pps.secondChromaQpIndexOffset());
        assertThrows(BitstreamException.class, () -> Pps.parse(nal(0x68, pw), Map.of()));
    }

    @Test
    void pps_withoutHighTail_infersSecondChromaOffset() throws Exception {
        BitWriter pw = new BitWriter().ue(0).ue(0).flag(false).flag(false).ue(0).ue(0).ue(0).flag(false).u(2, 0)
                .se(0).se(0).se(3).flag(true).flag(false).flag(false);
        Pps pps = Pps.parse(nal(0x68, pw), Map.of());
        assertFalse(pps.transform8x8Mode());
        assertEquals(3, pps.secondChromaQpIndexOffset());
    }
}

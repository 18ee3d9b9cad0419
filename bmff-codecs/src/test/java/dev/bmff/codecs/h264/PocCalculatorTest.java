package dev.bmff.codecs.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** POC cases the fixtures do not reach: field pairs, lsb wrap, types 1 and 2, MMCO 5. */
class PocCalculatorTest {
    private static Sps sps(int pocType, List<Integer> offsets) {
        return new Sps(100, 0, 30, 0, 1, false, 8, 8, false, null, 4, pocType, 4, false, -1, 1, offsets, 4, false,
                20, 8, false, false, true, null, null);
    }

    private static Pps pps() {
        return new Pps(0, 0, true, true, 1, 0, 1, 1, false, 0, 26, 26, 0, true, false, false, false, null, 0);
    }

    private static SliceHeader slice(Sps sps, int type, int refIdc, int frameNum, boolean field, boolean bottom,
            int lsb, int deltaBottom, int delta0, boolean mmco5) {
        return new SliceHeader(new NalHeader(false, refIdc, type), sps, pps(), 0, 7, 0, frameNum, field, bottom,
                type == 5 ? 0 : -1, lsb, deltaBottom, delta0, 0, 0, false, false, mmco5, mmco5);
    }

    @Test
    void type0_fieldPairs_andLsbWrap() {
        Sps s = sps(0, List.of()); // MaxPicOrderCntLsb 16
        PocCalculator c = new PocCalculator();
        assertEquals(0, c.next(slice(s, 5, 3, 0, true, false, 0, 0, 0, false)).picOrderCnt());
        assertEquals(1, c.next(slice(s, 1, 3, 0, true, true, 1, 0, 0, false)).picOrderCnt());
        assertEquals(7, c.next(slice(s, 1, 2, 1, false, false, 7, 1, 0, false)).picOrderCnt());
        assertEquals(14, c.next(slice(s, 1, 2, 2, false, false, 14, 1, 0, false)).picOrderCnt());
        // A jump of more than MaxPicOrderCntLsb / 2 backwards is a wrap, forwards a step back.
        assertEquals(-4, new PocCalculator().next(slice(s, 1, 2, 0, false, false, 12, 0, 0, false)).picOrderCnt());
        PictureOrder wrapped = c.next(slice(s, 1, 2, 2, false, false, 2, 1, 0, false));
        assertEquals(18, wrapped.topFieldOrderCnt()); // 16 + 2: lsb went from 14 to 2
        assertEquals(19, wrapped.bottomFieldOrderCnt());
        assertEquals(16, c.next(slice(s, 1, 0, 3, false, false, 0, 0, 0, false)).picOrderCnt());
    }

    @Test
    void type0_mmco5_startsANewEpochAt0() {
        Sps s = sps(0, List.of());
        PocCalculator c = new PocCalculator();
        c.next(slice(s, 5, 3, 0, false, false, 0, 0, 0, false));
        PictureOrder reset = c.next(slice(s, 1, 2, 1, false, false, 8, 0, 0, true));
        assertEquals(0, reset.picOrderCnt());
        assertEquals(2, reset.epoch());
        PictureOrder after = c.next(slice(s, 1, 2, 1, false, false, 4, 0, 0, false));
        assertEquals(4, after.picOrderCnt()); // measured from the rebased top POC 0, not from lsb 8
        assertEquals(2, after.epoch());
    }

    @Test
    void type2_followsFrameNum_andWrapsWithMaxFrameNum() {
        Sps s = sps(2, List.of()); // MaxFrameNum 16
        PocCalculator c = new PocCalculator();
        assertEquals(0, c.next(slice(s, 5, 3, 0, false, false, 0, 0, 0, false)).picOrderCnt());
        assertEquals(2, c.next(slice(s, 1, 2, 1, false, false, 0, 0, 0, false)).picOrderCnt());
        assertEquals(3, c.next(slice(s, 1, 0, 2, false, false, 0, 0, 0, false)).picOrderCnt());
        assertEquals(30, c.next(slice(s, 1, 2, 15, false, false, 0, 0, 0, false)).picOrderCnt());
        assertEquals(32, c.next(slice(s, 1, 2, 0, false, false, 0, 0, 0, false)).picOrderCnt());
    }

    @Test
    void type1_expectedDeltasFromTheCycle() {
        Sps s = sps(1, List.of(4, 2)); // non-ref -1, top-to-bottom +1
        PocCalculator c = new PocCalculator();
        PictureOrder idr = c.next(slice(s, 5, 3, 0, false, false, 0, 0, 0, false));
        assertEquals(0, idr.topFieldOrderCnt());
        assertEquals(1, idr.bottomFieldOrderCnt());
        // frame_num 1 ref: absFrameNum 1 -> cycle 0, offset[0] = 4
        assertEquals(4, c.next(slice(s, 1, 2, 1, false, false, 0, 0, 0, false)).picOrderCnt());
        // frame_num 2 non-ref: absFrameNum 2 - 1 = 1 -> 4, plus offset_for_non_ref_pic -1, plus delta 0
        assertEquals(3, c.next(slice(s, 1, 0, 2, false, false, 0, 0, 0, false)).picOrderCnt());
        // frame_num 3 ref: absFrameNum 3 -> one cycle (6) + offset[0] 4 = 10, delta_pic_order_cnt[0] 1
        assertEquals(11, c.next(slice(s, 1, 2, 3, false, false, 0, 0, 1, false)).picOrderCnt());
        // bottom field of frame_num 4: expected 6 + 4 + 2 = 12, + top-to-bottom 1
        PictureOrder bottom = c.next(slice(s, 1, 2, 4, true, true, 0, 0, 0, false));
        assertEquals(13, bottom.picOrderCnt());
    }
}

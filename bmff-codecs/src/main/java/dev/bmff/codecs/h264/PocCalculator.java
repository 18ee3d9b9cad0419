package dev.bmff.codecs.h264;

/**
 * Picture order count decoding (H.264 8.2.1) for pic_order_cnt_type 0, 1 and 2. Feed it the first slice
 * header of every picture (frame or field) in decoding order; it keeps the "previous picture" state the
 * three processes need, including the resets after IDR pictures and memory_management_control_operation
 * 5. Arithmetic is in 64 bits and wraps silently on absurd input rather than failing.
 *
 * <p>Limitations: frame_num gaps (gaps_in_frame_num_value_allowed_flag) are not filled with the
 * "non-existing" frames 8.2.5.2 would infer, so type 1/2 POCs after a gap follow the coded frame_num
 * only; lost pictures are not detected.
 *
 * <pre>{@code
 * PocCalculator poc = new PocCalculator();
 * for (SliceHeader first : firstSlicesInDecodeOrder) {
 *     PictureOrder order = poc.next(first);
 * }
 * }</pre>
 */
public final class PocCalculator {
    private int epoch;
    // pic_order_cnt_type 0: the previous reference picture's values (8.2.1.1).
    private long prevPocMsb;
    private long prevPocLsb;
    // Types 1 and 2: the previous picture's values (8.2.1.2, 8.2.1.3).
    private long prevFrameNumOffset;
    private int prevFrameNum;

    /** The order counts of the picture that {@code slice} (its first slice) starts. */
    public PictureOrder next(SliceHeader slice) {
        Sps sps = slice.sps();
        if (slice.isIdr() || slice.memoryManagementControlOperation5()) {
            epoch++;
        }
        long top;
        long bottom;
        switch (sps.picOrderCntType()) {
            case 0 -> {
                long maxLsb = 1L << sps.log2MaxPicOrderCntLsb();
                if (slice.isIdr()) {
                    prevPocMsb = 0;
                    prevPocLsb = 0;
                }
                long lsb = slice.picOrderCntLsb();
                long msb;
                if (lsb < prevPocLsb && prevPocLsb - lsb >= maxLsb / 2) {
                    msb = prevPocMsb + maxLsb;
                } else if (lsb > prevPocLsb && lsb - prevPocLsb > maxLsb / 2) {
                    msb = prevPocMsb - maxLsb;
                } else {
                    msb = prevPocMsb;
                }
                top = msb + lsb;
                bottom = slice.fieldPic() ? msb + lsb : top + slice.deltaPicOrderCntBottom();
                if (slice.nalHeader().isReference()) {
                    prevPocMsb = msb;
                    prevPocLsb = lsb;
                }
            }
            case 1 -> {
                long frameNumOffset = frameNumOffset(slice, sps);
                int cycle = sps.offsetForRefFrame().size();
                long absFrameNum = cycle != 0 ? frameNumOffset + slice.frameNum() : 0;
                if (!slice.nalHeader().isReference() && absFrameNum > 0) {
                    absFrameNum--;
                }
                long expected = 0;
                if (absFrameNum > 0) {
                    long cycleCnt = (absFrameNum - 1) / cycle;
                    int inCycle = (int) ((absFrameNum - 1) % cycle);
                    long deltaPerCycle = 0;
                    for (int offset : sps.offsetForRefFrame()) {
                        deltaPerCycle += offset;
                    }
                    expected = cycleCnt * deltaPerCycle;
                    for (int i = 0; i <= inCycle; i++) {
                        expected += sps.offsetForRefFrame().get(i);
                    }
                }
                if (!slice.nalHeader().isReference()) {
                    expected += sps.offsetForNonRefPic();
                }
                if (!slice.fieldPic()) {
                    top = expected + slice.deltaPicOrderCnt0();
                    bottom = top + sps.offsetForTopToBottomField() + slice.deltaPicOrderCnt1();
                } else if (!slice.bottomField()) {
                    top = expected + slice.deltaPicOrderCnt0();
                    bottom = top;
                } else {
                    bottom = expected + sps.offsetForTopToBottomField() + slice.deltaPicOrderCnt0();
                    top = bottom;
                }
                remember(slice, frameNumOffset);
            }
            default -> {
                long frameNumOffset = frameNumOffset(slice, sps);
                long temp;
                if (slice.isIdr()) {
                    temp = 0;
                } else if (!slice.nalHeader().isReference()) {
                    temp = 2 * (frameNumOffset + slice.frameNum()) - 1;
                } else {
                    temp = 2 * (frameNumOffset + slice.frameNum());
                }
                top = temp;
                bottom = temp;
                remember(slice, frameNumOffset);
            }
        }
        long poc = !slice.fieldPic() ? Math.min(top, bottom) : slice.bottomField() ? bottom : top;
        if (slice.memoryManagementControlOperation5()) {
            // 8.2.1: after an MMCO 5 picture is decoded its counts are rebased so that it is 0; the
            // next pictures are measured from there (8.2.1.1 uses the rebased TopFieldOrderCnt).
            top -= poc;
            bottom -= poc;
            poc = 0;
            if (sps.picOrderCntType() == 0 && slice.nalHeader().isReference()) {
                prevPocMsb = 0;
                prevPocLsb = slice.fieldPic() && slice.bottomField() ? 0 : top;
            }
        }
        return new PictureOrder(top, bottom, poc, epoch);
    }

    /** FrameNumOffset (8-6, 8-11): grows by MaxFrameNum each time frame_num wraps. */
    private long frameNumOffset(SliceHeader slice, Sps sps) {
        if (slice.isIdr()) {
            return 0;
        }
        return prevFrameNum > slice.frameNum() ? prevFrameNumOffset + sps.maxFrameNum() : prevFrameNumOffset;
    }

    private void remember(SliceHeader slice, long frameNumOffset) {
        // After an MMCO 5 picture, both the offset and frame_num count as 0 (7.4.3, 8.2.1.2).
        boolean reset = slice.memoryManagementControlOperation5();
        prevFrameNumOffset = reset ? 0 : frameNumOffset;
        prevFrameNum = reset ? 0 : slice.frameNum();
    }
}

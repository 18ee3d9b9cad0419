package dev.bmff.codecs.hevc;

/**
 * Picture order count, H.265 8.3.1, fed one picture at a time in decoding order (base layer only).
 *
 * <p>PicOrderCntMsb is reset to 0 at an IRAP picture with NoRaslOutputFlag = 1: every IDR and BLA, the
 * first picture, the first after an end of sequence, and a CRA when {@code handleCraAsBla} is set.
 * Otherwise the MSB follows prevTid0Pic, the last picture with TemporalId 0 that is not RASL, RADL or
 * a sub-layer non-reference picture, wrapping when the LSB jumps by half the range or more.
 *
 * <p>RASL pictures that follow an IRAP with NoRaslOutputFlag = 1 (a stream that starts, or was cut, at
 * a CRA) reference pictures that are not there: they get a POC but are reported as not decodable, as a
 * decoder drops them (8.1.3).
 *
 * <pre>{@code
 * PocCalculator poc = new PocCalculator();
 * for (each access unit in decoding order) {
 *     SliceSegmentHeader sh = ... the first slice segment of the picture ...;
 *     PocCalculator.Picture p = poc.next(sh);
 *     if (p.decodable()) presentationOrder.add(p.poc());
 * }
 * }</pre>
 */
public final class PocCalculator {
    /** The result for one picture. */
    public record Picture(int poc, boolean irap, boolean noRaslOutputFlag, boolean decodable) {
    }

    private final boolean handleCraAsBla;
    private boolean firstPicture = true;
    private boolean afterEndOfSequence;
    private int prevTid0Lsb;
    private int prevTid0Msb;
    private boolean irapNoRaslOutput;

    /** A calculator for a stream that starts at its first picture. */
    public PocCalculator() {
        this(false);
    }

    /**
     * @param handleCraAsBla HandleCraAsBlaFlag: treat every CRA as a BLA (as after splicing), so its RASL
     *     pictures are dropped and POC restarts at each CRA
     */
    public PocCalculator(boolean handleCraAsBla) {
        this.handleCraAsBla = handleCraAsBla;
    }

    /** Call for an end of sequence NAL unit: the next picture is an IRAP that restarts POC. */
    public void endOfSequence() {
        afterEndOfSequence = true;
    }

    /** The POC of the picture whose first slice segment header is {@code sh}. */
    public Picture next(SliceSegmentHeader sh) {
        return next(sh.nalHeader(), sh.slicePicOrderCntLsb(), sh.sps().maxPicOrderCntLsb());
    }

    /**
     * The POC of the next picture in decoding order.
     *
     * @param nal the NAL header of its slice segments
     * @param pocLsb slice_pic_order_cnt_lsb (0 for IDR)
     * @param maxPocLsb MaxPicOrderCntLsb of its SPS
     */
    public Picture next(NalHeader nal, int pocLsb, int maxPocLsb) {
        if (maxPocLsb < 16 || Integer.bitCount(maxPocLsb) != 1 || pocLsb < 0 || pocLsb >= maxPocLsb) {
            throw new IllegalArgumentException("POC LSB " + pocLsb + " with MaxPicOrderCntLsb " + maxPocLsb);
        }
        boolean irap = nal.isIrap();
        boolean noRaslOutput = false;
        int msb;
        if (irap) {
            noRaslOutput = nal.isIdr() || nal.isBla() || firstPicture || afterEndOfSequence
                    || (nal.isCra() && handleCraAsBla);
            irapNoRaslOutput = noRaslOutput;
        }
        if (irap && noRaslOutput) {
            msb = 0;
        } else if (pocLsb < prevTid0Lsb && prevTid0Lsb - pocLsb >= maxPocLsb / 2) {
            msb = prevTid0Msb + maxPocLsb;
        } else if (pocLsb > prevTid0Lsb && pocLsb - prevTid0Lsb > maxPocLsb / 2) {
            msb = prevTid0Msb - maxPocLsb;
        } else {
            msb = prevTid0Msb;
        }
        int poc = msb + pocLsb;
        if (nal.temporalId() == 0 && !nal.isRasl() && !nal.isRadl() && !nal.isSubLayerNonReference()) {
            prevTid0Lsb = pocLsb;
            prevTid0Msb = msb;
        }
        firstPicture = false;
        afterEndOfSequence = false;
        boolean decodable = !(nal.isRasl() && irapNoRaslOutput);
        return new Picture(poc, irap, noRaslOutput, decodable);
    }
}

package dev.bmff.codecs.h264;

import java.util.Comparator;

/**
 * The picture order counts of one coded picture (a frame or a field), 8.2.1.
 *
 * <pre>{@code
 * pictures.sort(PictureOrder.OUTPUT_ORDER);   // presentation order of a whole stream
 * }</pre>
 *
 * @param topFieldOrderCnt TopFieldOrderCnt; meaningless for a bottom field
 * @param bottomFieldOrderCnt BottomFieldOrderCnt; meaningless for a top field
 * @param picOrderCnt PicOrderCnt(CurrPic): the smaller of the two for a frame, else the field's
 * @param epoch counts the IDR pictures and MMCO 5 pictures so far, including this one: POC restarts at
 *     each, and every picture before one is output before it
 */
public record PictureOrder(long topFieldOrderCnt, long bottomFieldOrderCnt, long picOrderCnt, int epoch) {
    /** By epoch, then by POC: the output order of a stream without gaps or dropped pictures. */
    public static final Comparator<PictureOrder> OUTPUT_ORDER = Comparator.comparingInt(PictureOrder::epoch)
            .thenComparingLong(PictureOrder::picOrderCnt);
}

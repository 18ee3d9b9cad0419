package dev.bmff.codecs.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.access.AccessUnit;
import dev.bmff.core.box.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Composition offsets from POC order, and the codec told from the first NAL unit. */
class ReorderBufferTest {
    private static AccessUnit unit(long poc, int epoch) {
        return new AccessUnit(Bytes.of(new byte[] {0, 0, 0, 1, 0x65}), poc == 0, false, 1, poc, epoch);
    }

    @Test
    void bFramesWithReorderTwo_presentedInPocOrder_offsetsNeverNegative() {
        // Decode order I0 P6 B2 B4 | IDR (new epoch) I0 P2: presentation I0 B2 B4 P6 | I0 P2.
        long[][] decode = {{0, 1}, {6, 1}, {2, 1}, {4, 1}, {0, 2}, {2, 2}};
        ReorderBuffer buffer = new ReorderBuffer(2);
        List<ReorderBuffer.Timed> out = new ArrayList<>();
        for (long[] d : decode) {
            out.addAll(buffer.push(unit(d[0], (int) d[1]), 0));
        }
        out.addAll(buffer.finish());
        // cts in frames = decode index + offset: I0 at 2, P6 at 5, B2 at 3, B4 at 4, then 6 and 7.
        List<Long> cts = out.stream().map(t -> t.decodeIndex() + t.offsetFrames()).toList();
        assertEquals(List.of(2L, 5L, 3L, 4L, 6L, 7L), cts);
        assertEquals(0, buffer.outOfOrderCount());
    }

    @Test
    void sniff_hevcAndH264Headers() {
        assertEquals(VideoCodec.HEVC, VideoCodec.sniff(new byte[] {0, 0, 0, 1, 0x40, 0x01, 0x0c}, 7));
        assertEquals(VideoCodec.H264, VideoCodec.sniff(new byte[] {0, 0, 0, 1, 0x67, 0x64, 0x00}, 7));
        assertEquals(VideoCodec.H264, VideoCodec.sniff(new byte[] {0, 0, 1, 0x09, (byte) 0xf0, 0}, 6));
        assertEquals(VideoCodec.HEVC, VideoCodec.fromFileName("CAM.H265").orElseThrow());
    }
}

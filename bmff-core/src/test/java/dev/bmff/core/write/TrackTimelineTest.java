package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.Bytes;
import org.junit.jupiter.api.Test;

class TrackTimelineTest {
    private static Sample s(long dts, long duration) {
        return new Sample(0, Bytes.of(new byte[] {1}), dts, 0, duration, true);
    }

    @Test
    void unknownDurations_comeFromTheNextDecodeTime_andTheLastRepeatsThePrevious() {
        TrackTimeline t = new TrackTimeline(0, TrackTimeline.Policy.REJECT, 100);
        assertNull(t.push(s(0, Sample.UNKNOWN_DURATION)));
        assertEquals(512, t.push(s(512, Sample.UNKNOWN_DURATION)).duration());
        assertEquals(1025, t.push(s(1537, 40)).duration()); // 1537 - 512: irregular input keeps exact times
        assertEquals(40, t.finish().duration());
        assertNull(t.finish());
    }

    @Test
    void loneSample_getsTheDefaultDuration() {
        TrackTimeline t = new TrackTimeline(0, TrackTimeline.Policy.REJECT, 1024);
        assertNull(t.push(s(7, Sample.UNKNOWN_DURATION)));
        assertEquals(1024, t.finish().duration());
    }

    @Test
    void nonIncreasingDecodeTime_isRejectedWithBothTimes() {
        TrackTimeline t = new TrackTimeline(3, TrackTimeline.Policy.REJECT, 100);
        t.push(s(1000, Sample.UNKNOWN_DURATION));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.push(s(1000, Sample.UNKNOWN_DURATION)));
        assertTrue(e.getMessage().contains("track 3") && e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void nonIncreasingDecodeTime_isRepairedAfterThePrevious() {
        TrackTimeline t = new TrackTimeline(0, TrackTimeline.Policy.REPAIR, 100);
        t.push(s(0, Sample.UNKNOWN_DURATION));
        t.push(s(512, Sample.UNKNOWN_DURATION));          // sample 0 ready, duration 512
        Sample ready = t.push(s(400, Sample.UNKNOWN_DURATION)); // goes back in time: moved to 1024
        assertEquals(512, ready.dts());
        assertEquals(512, ready.duration());
        Sample last = t.finish();
        assertEquals(1024, last.dts());
        assertEquals(1, t.repairedCount());
    }
}

package dev.bmff.rsv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Audio samples per GOP in exact rational arithmetic. */
class AudioClockTest {
    @Test
    void ntsc23976_twelveFrames_are24024Samples_not24023() {
        AudioClock clock = new AudioClock(1001, 24_000);
        assertEquals(24_024, clock.samplesThrough(12, 48_000));
        assertEquals(List.of(24_024L), clock.candidates(36, 12, 48_000));
    }

    @Test
    void spec_examples() {
        assertEquals(23_040, new AudioClock(1, 25).samplesThrough(12, 48_000));
        assertEquals(46_080, new AudioClock(1, 50).samplesThrough(48, 48_000));
        assertEquals(23_040, new AudioClock(512, 12_800).samplesThrough(12, 48_000), "ffmpeg's 25 fps timescale");
    }

    @Test
    void ntsc2997_fractionalGops_cumulativeFirstThenEachWay() {
        AudioClock clock = new AudioClock(1001, 30_000);
        // 1601.6 samples a frame: 7 frames are 11,211.2; 35 frames are exactly 56,056.
        assertEquals(List.of(11_211L, 11_212L), clock.candidates(0, 7, 48_000));
        assertEquals(List.of(11_211L, 11_212L), clock.candidates(21, 7, 48_000));
        assertEquals(List.of(11_212L, 11_211L), clock.candidates(28, 7, 48_000), "cumulative rounding catches up");
        assertEquals(56_056, clock.samplesThrough(35, 48_000));
    }
}

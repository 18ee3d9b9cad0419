package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line: what it says, how often it redraws, and that it ends its line. */
class ProgressBarTest {
    private long now;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String err() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void line_halfwayAfterTwoSeconds_bytesRateAndTimeLeft() {
        ProgressBar bar = new ProgressBar(err, "bmff repair", true, () -> now);
        now = 2_000_000_000L;
        bar.update(50L << 20, 100L << 20);
        assertEquals("bmff repair: [############............]  50% 50.0 MiB / 100.0 MiB, 25.0 MiB/s, 0:02 left",
                bar.line(now));
    }

    @Test
    void update_manyCallsWithin100ms_oneRedraw() {
        ProgressBar bar = new ProgressBar(err, "bmff frag", true, () -> now);
        for (int i = 1; i <= 50; i++) {
            now += 1_000_000L; // 1 ms apart
            bar.update(i, 1000);
        }
        assertEquals(1, err().chars().filter(c -> c == '\r').count(), err());
        now += 100_000_000L;
        bar.update(60, 1000);
        assertEquals(2, err().chars().filter(c -> c == '\r').count(), err());
    }

    @Test
    void finish_afterUpdates_finalStateAndOneNewline() {
        ProgressBar bar = new ProgressBar(err, "bmff defrag", true, () -> now);
        bar.update(0, 4096);
        now += 1_000_000_000L;
        bar.update(4096, 4096);
        bar.finish();
        String s = err();
        assertTrue(s.endsWith("done in 0:01\u001b[K\n"), s);
        assertEquals(1, s.chars().filter(c -> c == '\n').count(), s);
    }

    @Test
    void unknownTotal_bytesAndRateOnly() {
        ProgressBar bar = new ProgressBar(err, "bmff record", true, () -> now);
        now = 1_000_000_000L;
        bar.update(3 << 20, -1, "75 pictures, 3.0 s");
        assertEquals("bmff record: 3.0 MiB, 3.0 MiB/s, 75 pictures, 3.0 s", bar.line(now));
    }

    @Test
    void disabled_printsNothingEvenOnFinish() {
        ProgressBar bar = new ProgressBar(err, "bmff repair", false, () -> now);
        bar.update(1, 2);
        bar.finish();
        assertEquals("", err());
    }

    @Test
    void finish_neverDrawn_printsNothing() {
        new ProgressBar(err, "bmff repair", true, () -> now).finish();
        assertEquals("", err());
    }

    @Test
    void durations_minutesAndHours() {
        assertEquals("0:59", ProgressBar.duration(59.4));
        assertEquals("1:00:05", ProgressBar.duration(3605));
        assertEquals("1023 B", ProgressBar.bytes(1023));
        assertEquals("1.5 GiB", ProgressBar.bytes(3L << 29));
    }
}

package dev.bmff.rsv;

import java.util.ArrayList;
import java.util.List;

/**
 * How many audio samples belong to the video frames of a GOP, in exact rational arithmetic: a frame lasts
 * {@code frameDuration / videoTimescale} seconds (1001/24000 at 23.976 fps), so {@code n} frames hold
 * {@code n * frameDuration * sampleRate / videoTimescale} samples; 12 frames at 24000/1001 fps and 48 kHz are 24,024
 * samples, not the 24,023 a floating-point frame rate truncates to. When the count is not whole (29.97 fps: 1601.6
 * samples a frame) the camera must round somewhere; the first choice is the cumulative count since the first frame
 * (so rounding never drifts), then this GOP's own count rounded down and up.
 */
final class AudioClock {
    private final long frameDuration;
    private final long videoTimescale;

    AudioClock(long frameDuration, long videoTimescale) {
        if (frameDuration < 1 || videoTimescale < 1) {
            throw new IllegalArgumentException("frame duration and timescale must be positive");
        }
        this.frameDuration = frameDuration;
        this.videoTimescale = videoTimescale;
    }

    /** Samples at {@code rate} Hz from the first frame to the end of frame {@code frames}, rounded down. */
    long samplesThrough(long frames, long rate) {
        return Math.floorDiv(Math.multiplyExact(Math.multiplyExact(frames, frameDuration), rate), videoTimescale);
    }

    /** Samples in {@code frames} frames at {@code rate} Hz, rounded down: the least any GOP of them holds. */
    long samplesRoundedDown(long frames, long rate) {
        return Math.multiplyExact(Math.multiplyExact(frames, frameDuration), rate) / videoTimescale;
    }

    /**
     * The sample counts a GOP of {@code frames} frames that follows {@code before} frames may hold, most likely
     * first, without repeats.
     */
    List<Long> candidates(long before, long frames, long rate) {
        List<Long> out = new ArrayList<>(3);
        out.add(samplesThrough(before + frames, rate) - samplesThrough(before, rate));
        long down = samplesRoundedDown(frames, rate);
        long up = down + (Math.multiplyExact(Math.multiplyExact(frames, frameDuration), rate) % videoTimescale == 0
                ? 0 : 1);
        for (long c : new long[] {down, up}) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}

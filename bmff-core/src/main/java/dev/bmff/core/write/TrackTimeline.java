package dev.bmff.core.write;

/**
 * Checks one track's decode times and completes each sample's duration. Each sample is held back until
 * the next one arrives: a duration of {@link Sample#UNKNOWN_DURATION} becomes the difference of the two
 * decode times (so rounding never drifts); the last one repeats the previous duration.
 * A decode time that does not increase is rejected with a clear error, or repaired, as the
 * {@link Policy} says: never written as garbage. The one exception is a sample after one whose explicit duration
 * is 0: it may have the same decode time (a remux carries such samples as the source has them).
 *
 * <pre>{@code
 * TrackTimeline t = new TrackTimeline(0, TrackTimeline.Policy.REPAIR, 512);
 * Sample ready = t.push(sample);   // null while the first sample waits for its duration
 * Sample last = t.finish();
 * }</pre>
 */
public final class TrackTimeline {
    /** What to do with a decode time that does not increase. */
    public enum Policy {
        /** Throw {@link IllegalArgumentException} naming the track and both times. */
        REJECT,
        /** Move the sample to just after the previous one (previous dts + previous duration). */
        REPAIR
    }

    private final int track;
    private final Policy policy;
    private final long defaultDuration;
    private Sample pending;
    private long lastDuration = -1;
    private long lastDts = -1;
    private long repaired;

    /**
     * @param track the track index, for messages
     * @param defaultDuration the duration of a lone last sample when nothing better is known
     */
    public TrackTimeline(int track, Policy policy, long defaultDuration) {
        if (defaultDuration < 0) {
            throw new IllegalArgumentException("default duration must not be negative");
        }
        this.track = track;
        this.policy = policy;
        this.defaultDuration = defaultDuration;
    }

    /**
     * Takes the next sample of the track; returns the previous one completed with its duration, or
     * {@code null} when none is ready.
     */
    public Sample push(Sample s) {
        long dts = s.dts();
        // A sample the caller gave an explicit duration of 0 (GoPro's fdsc samples, a MediaMuxer track's last one)
        // is followed by one at the same decode time: that is what the caller said, not a clock gone backwards.
        boolean zeroBefore = pending != null && pending.duration() == 0;
        if (lastDts >= 0 && (dts < lastDts || dts == lastDts && !zeroBefore)) {
            if (policy == Policy.REJECT) {
                throw new IllegalArgumentException("track " + track + ": decode time " + dts
                        + " does not follow the previous one (" + lastDts + ")");
            }
            long step = pending != null && pending.duration() > 0 ? pending.duration()
                    : lastDuration > 0 ? lastDuration : Math.max(1, defaultDuration);
            dts = lastDts + step;
            repaired++;
            s = new Sample(s.track(), s.content(), dts, s.compositionOffset(), s.duration(), s.sync());
        }
        // One sample is always held back: its duration may come from the next decode time.
        Sample ready = null;
        if (pending != null) {
            ready = pending.duration() != Sample.UNKNOWN_DURATION ? pending : complete(pending, dts - pending.dts());
            lastDuration = ready.duration();
        }
        pending = s;
        lastDts = dts;
        return ready;
    }

    private Sample complete(Sample p, long duration) {
        lastDuration = duration;
        return new Sample(p.track(), p.content(), p.dts(), p.compositionOffset(), duration, p.sync());
    }

    /** The sample still held back, completed with the previous duration (or the default); null if none. */
    public Sample finish() {
        if (pending == null) {
            return null;
        }
        Sample p = pending.duration() != Sample.UNKNOWN_DURATION ? pending
                : complete(pending, lastDuration >= 0 ? lastDuration : defaultDuration);
        pending = null;
        return p;
    }

    /** How many decode times were repaired. */
    public long repairedCount() {
        return repaired;
    }
}

package dev.bmff.recover.match;

/**
 * A sample a matcher found: its length, whether it is a sync sample, and for video its picture order (POC and
 * the POC epoch, which a new IDR starts). For PCM one match is a whole chunk of {@code frames} PCM frames.
 *
 * @param length bytes of the sample (or of the PCM chunk)
 * @param sync keyframe (IDR or IRAP; always true for audio)
 * @param frames PCM frames in a PCM chunk; 1 for every other sample
 * @param poc picture order count of a video picture, 0 for audio
 * @param epoch picture order epoch (a new one at every IDR), 0 for audio
 * @param state matcher-specific data to {@link SampleMatcher#commit commit}, or null
 */
public record Match(long length, boolean sync, long frames, long poc, int epoch, Object state) {
    public Match {
        if (length <= 0 || frames <= 0) {
            throw new IllegalArgumentException("a match has bytes and frames: " + length + ", " + frames);
        }
    }

    /** An audio sample or an uncommitted video picture. */
    public static Match of(long length, boolean sync, Object state) {
        return new Match(length, sync, 1, 0, 0, state);
    }
}

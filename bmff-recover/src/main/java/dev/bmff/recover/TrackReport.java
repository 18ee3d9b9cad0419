package dev.bmff.recover;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was recovered for one track.
 *
 * @param trackId the track's id in the repaired file
 * @param referenceTrackId the id of the reference track it was modelled on
 * @param codec the sample entry type, e.g. {@code avc1}
 * @param samples samples in the repaired file's tables (PCM: one per PCM frame)
 * @param keyframes sync samples (video)
 * @param bytes media bytes
 * @param durationSeconds media duration of the recovered samples
 */
public record TrackReport(long trackId, long referenceTrackId, String codec, long samples, long keyframes,
        long bytes, double durationSeconds) {
    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("track", trackId);
        m.put("referenceTrack", referenceTrackId);
        m.put("codec", codec);
        m.put("samples", samples);
        m.put("keyframes", keyframes);
        m.put("bytes", bytes);
        m.put("duration", durationSeconds);
        return m;
    }
}

package dev.bmff.recover;

import dev.bmff.core.dump.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a repair: which state the broken file was in, per track what was recovered, the byte ranges
 * of the broken file that were skipped or dropped and why, and warnings.
 *
 * <pre>{@code
 * RepairReport r = Recovery.repair(reference, broken, out);
 * System.out.println(r);                 // readable
 * String json = r.toJson();              // for machines
 * if (!r.isComplete()) { ... }           // some bytes were skipped
 * }</pre>
 *
 * @param kind the state the broken file was found in, which chose the repair
 * @param mediaOffset where the broken file's media data starts (the first kept sample's offset)
 * @param mediaLength how many bytes of media data were walked
 * @param tracks one entry per track written
 * @param skipped the ranges no sample explains, or that were dropped (a torn fragment, a cut sample), in
 *     file order
 * @param warnings anything else the user should know
 */
public record RepairReport(RepairKind kind, long mediaOffset, long mediaLength, List<TrackReport> tracks,
        List<SkippedRange> skipped, List<String> warnings) {
    public RepairReport {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        tracks = List.copyOf(tracks);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** A report of a repair with a reference ({@link RepairKind#MOOV_REBUILT_FROM_REFERENCE}). */
    public RepairReport(long mediaOffset, long mediaLength, List<TrackReport> tracks, List<SkippedRange> skipped,
            List<String> warnings) {
        this(RepairKind.MOOV_REBUILT_FROM_REFERENCE, mediaOffset, mediaLength, tracks, skipped, warnings);
    }

    /**
     * True when every byte of the media data belongs to a recovered sample and nothing was dropped; zero bytes
     * (preallocated space never written, padding) hold nothing to lose.
     */
    public boolean isComplete() {
        return skipped.stream().allMatch(s -> s.cause() == SkippedRange.Cause.ZERO_FILL);
    }

    /** Bytes skipped in total. */
    public long skippedBytes() {
        return skipped.stream().mapToLong(SkippedRange::length).sum();
    }

    /** The report as one JSON object. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("complete", isComplete());
        m.put("kind", kind.name());
        m.put("mediaOffset", mediaOffset);
        m.put("mediaLength", mediaLength);
        m.put("tracks", tracks.stream().map(TrackReport::fields).toList());
        List<Object> ranges = new ArrayList<>();
        for (SkippedRange s : skipped) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("offset", s.offset());
            r.put("length", s.length());
            r.put("reason", s.reason());
            r.put("cause", s.cause().name());
            ranges.add(r);
        }
        m.put("skipped", ranges);
        m.put("warnings", warnings);
        return Json.encode(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(isComplete() ? "Recovered" : "Partly recovered").append(": media data at ").append(mediaOffset)
                .append(", ").append(mediaLength).append(" bytes (").append(kind).append(")\n");
        for (TrackReport t : tracks) {
            sb.append(String.format(Locale.ROOT, "  track %d (%s, from source track %d): %d samples, %d keyframes,"
                    + " %d bytes, %.3f s%n", t.trackId(), t.codec(), t.referenceTrackId(), t.samples(), t.keyframes(),
                    t.bytes(), t.durationSeconds()));
        }
        for (SkippedRange s : skipped) {
            sb.append("  skipped ").append(s.length()).append(" bytes at ").append(s.offset()).append(": ")
                    .append(s.reason()).append('\n');
        }
        for (String w : warnings) {
            sb.append("  warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}

package dev.bmff.recover;

import dev.bmff.core.dump.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Verifier} found: the tracks it could index, every problem, and every warning, each with the byte
 * offset it concerns. The file is sound when there is no problem; a warning names something unusual that real
 * devices write and players accept (a sample of duration 0 in a metadata track or at a track's end, a vendor's
 * trailer after the last box...), so it does not make the file unsound.
 *
 * @param fileSize the size of the file when it was checked
 * @param tracks the tracks indexed (empty when the file could not be indexed)
 * @param problems every problem found, in the order found
 * @param warnings what is unusual but plays, in the order found
 */
public record VerifyReport(long fileSize, List<Track> tracks, List<Problem> problems, List<Problem> warnings) {
    public VerifyReport {
        tracks = List.copyOf(tracks);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** A report without warnings. */
    public VerifyReport(long fileSize, List<Track> tracks, List<Problem> problems) {
        this(fileSize, tracks, problems, List.of());
    }

    /**
     * One problem.
     *
     * @param offset the absolute byte offset of the box or sample concerned
     * @param path the box path, like {@code moov/trak[0]/mdia/minf/stbl/stsz}, or empty
     * @param message what is wrong, for people
     */
    public record Problem(long offset, String path, String message) {
        @Override
        public String toString() {
            return "offset " + offset + (path == null || path.isEmpty() ? "" : " (" + path + ")") + ": " + message;
        }
    }

    /**
     * One track as indexed.
     *
     * @param trackId the track ID
     * @param handler the handler type, like {@code vide}
     * @param codec the codec, like "H.264 High@3.0 320x240 8-bit 4:2:0", or the sample entry type
     * @param samples the number of samples
     * @param syncSamples the number of sync samples
     * @param durationSeconds the track's total sample duration in seconds
     */
    public record Track(long trackId, String handler, String codec, int samples, int syncSamples,
            double durationSeconds) {
    }

    /** True when no problem was found. */
    public boolean isSound() {
        return problems.isEmpty();
    }

    /** The report as one JSON object ({@link Json}). */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sound", isSound());
        doc.put("fileSize", fileSize);
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Track t : tracks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("track", t.trackId());
            m.put("handler", text(t.handler()));
            m.put("codec", text(t.codec()));
            m.put("samples", t.samples());
            m.put("syncSamples", t.syncSamples());
            m.put("duration", microseconds(t.durationSeconds()));
            ts.add(m);
        }
        doc.put("tracks", ts);
        doc.put("problems", json(problems));
        doc.put("warnings", json(warnings));
        return Json.encode(doc);
    }

    private static List<Map<String, Object>> json(List<Problem> items) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Problem p : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("offset", p.offset());
            m.put("path", text(p.path()));
            m.put("message", text(p.message()));
            out.add(m);
        }
        return out;
    }

    /** A missing text is written as the empty string, as it always was. */
    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** Seconds with six decimals, written as a number ({@code 2.000000}); null when not finite. */
    private static Number microseconds(double seconds) {
        return Double.isFinite(seconds) ? new BigDecimal(String.format(Locale.ROOT, "%.6f", seconds)) : null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String size = fileSize + " bytes, " + tracks.size() + (tracks.size() == 1 ? " track" : " tracks");
        String warned = warnings.isEmpty() ? "" : ", " + warnings.size() + (warnings.size() == 1 ? " warning"
                : " warnings");
        sb.append(isSound() ? "sound: " + size + warned : "NOT sound, " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + warned + " (" + size + " indexed)")
                .append('\n');
        for (Track t : tracks) {
            sb.append(String.format(Locale.ROOT, "  track %d (%s, %s): %d samples, %d sync, %.3f s%n", t.trackId(),
                    t.handler(), t.codec(), t.samples(), t.syncSamples(), t.durationSeconds()));
        }
        for (Problem p : problems) {
            sb.append("  problem at ").append(p).append('\n');
        }
        for (Problem p : warnings) {
            sb.append("  warning at ").append(p).append('\n');
        }
        return sb.toString();
    }
}

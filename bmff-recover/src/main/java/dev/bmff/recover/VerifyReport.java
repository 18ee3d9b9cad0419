package dev.bmff.recover;

import java.util.List;
import java.util.Locale;

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

    /** The report as one JSON object. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"sound\":").append(isSound()).append(",\"fileSize\":")
                .append(fileSize).append(",\"tracks\":[");
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"track\":").append(t.trackId()).append(",\"handler\":")
                    .append(quote(t.handler())).append(",\"codec\":").append(quote(t.codec()))
                    .append(",\"samples\":").append(t.samples()).append(",\"syncSamples\":").append(t.syncSamples())
                    .append(",\"duration\":").append(String.format(Locale.ROOT, "%.6f", t.durationSeconds()))
                    .append('}');
        }
        sb.append("],\"problems\":");
        list(sb, problems);
        sb.append(",\"warnings\":");
        list(sb, warnings);
        return sb.append("}").toString();
    }

    private static void list(StringBuilder sb, List<Problem> items) {
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            Problem p = items.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"offset\":").append(p.offset()).append(",\"path\":")
                    .append(quote(p.path())).append(",\"message\":").append(quote(p.message())).append('}');
        }
        sb.append(']');
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

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

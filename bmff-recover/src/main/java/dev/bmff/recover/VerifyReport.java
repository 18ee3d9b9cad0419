package dev.bmff.recover;

import java.util.List;
import java.util.Locale;

/**
 * What {@link Verifier} found: the tracks it could index and every problem, each with the byte offset it
 * concerns. The file is sound when there is no problem.
 *
 * @param fileSize the size of the file when it was checked
 * @param tracks the tracks indexed (empty when the file could not be indexed)
 * @param problems every problem found, in the order found
 */
public record VerifyReport(long fileSize, List<Track> tracks, List<Problem> problems) {
    public VerifyReport {
        tracks = List.copyOf(tracks);
        problems = List.copyOf(problems);
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
        sb.append("],\"problems\":[");
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"offset\":").append(p.offset()).append(",\"path\":")
                    .append(quote(p.path())).append(",\"message\":").append(quote(p.message())).append('}');
        }
        return sb.append("]}").toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String size = fileSize + " bytes, " + tracks.size() + (tracks.size() == 1 ? " track" : " tracks");
        sb.append(isSound() ? "sound: " + size : "NOT sound, " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + " (" + size + " indexed)").append('\n');
        for (Track t : tracks) {
            sb.append(String.format(Locale.ROOT, "  track %d (%s, %s): %d samples, %d sync, %.3f s%n", t.trackId(),
                    t.handler(), t.codec(), t.samples(), t.syncSamples(), t.durationSeconds()));
        }
        for (Problem p : problems) {
            sb.append("  problem at ").append(p).append('\n');
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

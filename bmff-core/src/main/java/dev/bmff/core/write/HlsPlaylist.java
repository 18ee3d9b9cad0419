package dev.bmff.core.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of an HLS media playlist over fragmented-MP4 (CMAF) segments (RFC 8216): version 7,
 * {@code EXT-X-MAP} naming the init segment, one {@code #EXTINF} per media segment, {@code EXT-X-ENDLIST} once
 * the recording ended. The playlist is of type {@code EVENT}: segments are only ever added, so a viewer who
 * joins late can still seek back to the start, and the finished playlist (with {@code EXT-X-ENDLIST} appended)
 * is the whole recording.
 *
 * <p>{@code EXT-X-TARGETDURATION} must be at least every {@code #EXTINF} rounded to the nearest second; a
 * segment can only be cut at a keyframe, so one is longer than asked when the GOP does not divide the segment
 * duration, and the target then grows to cover it, as ffmpeg's HLS muxer does (players re-read it with the
 * playlist; a strict validator wants it fixed: choose a segment duration the GOP divides).
 *
 * <pre>{@code
 * HlsPlaylist p = new HlsPlaylist("init.mp4", 6);
 * p.add("seg-00000.m4s", 6.0);
 * String text = p.text(false);   // still live: no EXT-X-ENDLIST
 * }</pre>
 */
final class HlsPlaylist {
    private record Entry(String uri, double seconds) {
    }

    private final String initUri;
    private final long minimumTarget;
    private final List<Entry> segments = new ArrayList<>();
    private long target;

    /**
     * @param initUri the init segment, relative to the playlist
     * @param minimumTarget the target duration in whole seconds before any segment is longer
     */
    HlsPlaylist(String initUri, long minimumTarget) {
        this.initUri = initUri;
        this.minimumTarget = Math.max(1, minimumTarget);
        this.target = this.minimumTarget;
    }

    void add(String uri, double seconds) {
        segments.add(new Entry(uri, seconds));
        target = Math.max(target, Math.round(seconds));
    }

    int size() {
        return segments.size();
    }

    /** The playlist; {@code ended} adds {@code EXT-X-ENDLIST} (a player then stops re-reading it). */
    String text(boolean ended) {
        StringBuilder sb = new StringBuilder();
        sb.append("#EXTM3U\n");
        sb.append("#EXT-X-VERSION:7\n");
        // EVENT from the first version to the last: an EVENT playlist may only grow, ENDLIST included.
        sb.append("#EXT-X-PLAYLIST-TYPE:EVENT\n");
        sb.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
        sb.append("#EXT-X-MEDIA-SEQUENCE:0\n");
        sb.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        sb.append("#EXT-X-MAP:URI=\"").append(initUri).append("\"\n");
        for (Entry e : segments) {
            sb.append(String.format(Locale.ROOT, "#EXTINF:%.6f,\n", e.seconds())).append(e.uri()).append('\n');
        }
        if (ended) {
            sb.append("#EXT-X-ENDLIST\n");
        }
        return sb.toString();
    }
}

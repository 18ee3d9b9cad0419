package dev.bmff.core.write;

import java.nio.file.Path;
import java.time.ZonedDateTime;

/**
 * Expands a segment file name pattern, as ffmpeg's segment muxer does: {@code %d} or {@code %0Nd} is the
 * segment's sequence number and {@code %%} a percent sign. With {@code strftime}, {@code %Y %m %d %H %M %S}
 * are the fields of the wall-clock time the segment starts at (so {@code %d} is the day), while a sequence
 * field with a width ({@code %03d}) still counts segments, which keeps names unique within one second.
 *
 * <pre>{@code
 * new SegmentNames("cam-%03d.mp4", false).expand(7, now);                      // cam-007.mp4
 * new SegmentNames("cam-%Y-%m-%d_%H-%M-%S.mp4", true).expand(7, now);          // cam-2024-05-01_12-00-00.mp4
 * }</pre>
 */
final class SegmentNames {
    private final String pattern;
    private final boolean strftime;

    /** @throws IllegalArgumentException for an unknown field, or a pattern that cannot tell segments apart */
    SegmentNames(String pattern, boolean strftime) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("a segment name pattern is required");
        }
        this.pattern = pattern;
        this.strftime = strftime;
        int sequenceFields = 0;
        boolean timeFields = false;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            Field f = field(i);
            i = f.end - 1;
            sequenceFields += f.sequence ? 1 : 0;
            timeFields |= f.time;
        }
        if (sequenceFields == 0 && !timeFields) {
            throw new IllegalArgumentException("segment name pattern " + pattern + " has no %d (or %03d)"
                    + (strftime ? " and no time field" : "") + ": every segment would get the same name");
        }
    }

    /** The name of segment {@code sequence} (from 0) starting at {@code time}. */
    Path expand(long sequence, ZonedDateTime time) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            Field f = field(i);
            i = f.end - 1;
            if (f.sequence) {
                sb.append(String.format(f.zeroPad ? "%0" + f.width + "d" : f.width > 0 ? "%" + f.width + "d" : "%d",
                        sequence));
            } else {
                sb.append(switch (f.letter) {
                    case '%' -> "%";
                    case 'Y' -> String.format("%04d", time.getYear());
                    case 'm' -> String.format("%02d", time.getMonthValue());
                    case 'd' -> String.format("%02d", time.getDayOfMonth());
                    case 'H' -> String.format("%02d", time.getHour());
                    case 'M' -> String.format("%02d", time.getMinute());
                    case 'S' -> String.format("%02d", time.getSecond());
                    default -> throw new IllegalStateException("unreachable: " + f.letter);
                });
            }
        }
        return Path.of(sb.toString());
    }

    private record Field(int end, char letter, boolean sequence, boolean time, boolean zeroPad, int width) {
    }

    /** The field starting with the {@code %} at {@code at}. */
    private Field field(int at) {
        int i = at + 1;
        boolean zero = i < pattern.length() && pattern.charAt(i) == '0';
        int digitsFrom = i;
        while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
            i++;
        }
        int width = i > digitsFrom ? Integer.parseInt(pattern.substring(digitsFrom, i)) : 0;
        if (i >= pattern.length()) {
            throw new IllegalArgumentException("segment name pattern " + pattern + " ends inside a % field");
        }
        char letter = pattern.charAt(i);
        boolean hasWidth = i > digitsFrom;
        if (letter == 'd' && (!strftime || hasWidth)) {
            if (width > 20) {
                throw new IllegalArgumentException("segment number width " + width + " is too large in " + pattern);
            }
            return new Field(i + 1, letter, true, false, zero, width);
        }
        if (!hasWidth && (letter == '%' || strftime && "YmdHMS".indexOf(letter) >= 0)) {
            return new Field(i + 1, letter, false, letter != '%', false, 0);
        }
        throw new IllegalArgumentException("segment name pattern " + pattern + ": unknown field %"
                + pattern.substring(digitsFrom, i + 1) + " (use %d, %03d, %%" + (strftime ? ", %Y %m %d %H %M %S" : "")
                + ")");
    }
}

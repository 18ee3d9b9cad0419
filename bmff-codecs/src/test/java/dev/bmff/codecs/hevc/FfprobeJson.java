package dev.bmff.codecs.hevc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough JSON for ffprobe's flat stream objects: the first value of a key, quotes removed. */
final class FfprobeJson {
    private FfprobeJson() {
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)")
                .matcher(json);
        if (!m.find()) {
            throw new AssertionError("ffprobe output has no \"" + key + "\": " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}

package dev.bmff.codecs.h264;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for ffprobe's flat output: the values of a key, as strings, in document order.
 * Strings are unquoted (ffprobe's values need no unescaping); numbers are returned as written.
 */
final class JsonFields {
    private JsonFields() {
    }

    static List<String> all(String json, String key) {
        Pattern p = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9.eE+]+))");
        Matcher m = p.matcher(json);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    /** The first value of {@code key}; fails when there is none. */
    static String first(String json, String key) {
        List<String> all = all(json, key);
        if (all.isEmpty()) {
            throw new AssertionError("ffprobe output has no \"" + key + "\": " + json);
        }
        return all.get(0);
    }
}

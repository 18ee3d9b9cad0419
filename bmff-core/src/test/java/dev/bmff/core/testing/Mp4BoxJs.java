package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GPAC's JavaScript MP4 parser (the {@code mp4box} npm package, pinned in {@code scripts/mp4box/}) as a
 * reader we did not write: {@link #probe} runs {@code scripts/mp4box/probe.cjs} under Node.js and returns
 * the tracks and samples it sees.
 *
 * <p>Needs {@code node} and {@code npm} on the PATH; the package is installed on first use. Like every
 * external tool, a missing one skips the test locally and fails it under {@code CI=true}.
 */
public final class Mp4BoxJs {
    private Mp4BoxJs() {
    }

    /** One sample as mp4box.js sees it (times in the track's timescale). */
    public record Sample(long offset, long size, long dts, long cts, long duration, boolean sync) {
    }

    /** One track: its id, RFC 6381 codec string, timescale and samples in decode order. */
    public record Track(long id, String codec, long timescale, List<Sample> samples) {
    }

    /** What the parser saw: its error messages (none for a sound file), whether it was fragmented, the tracks. */
    public record Probe(List<String> errors, boolean fragmented, List<Track> tracks) {
    }

    /** Parses {@code file} with mp4box.js; fails the test when the parser cannot even find a moov. */
    public static Probe probe(Path file) {
        Path script = scriptDir().resolve("probe.cjs");
        String json = ExternalTools.run(Duration.ofSeconds(120), List.of("node", script.toString(), file.toString()));
        Map<?, ?> doc = (Map<?, ?>) JsonParser.parse(json.strip());
        List<String> errors = new ArrayList<>();
        for (Object e : (List<?>) doc.get("errors")) {
            errors.add((String) e);
        }
        if (!Boolean.TRUE.equals(doc.get("ready"))) {
            throw new AssertionError("mp4box.js found no playable movie in " + file + "; errors: " + errors);
        }
        List<Track> tracks = new ArrayList<>();
        for (Object t : (List<?>) doc.get("tracks")) {
            Map<?, ?> m = (Map<?, ?>) t;
            List<Sample> samples = new ArrayList<>();
            for (Object s : (List<?>) m.get("samples")) {
                List<?> f = (List<?>) s;
                samples.add(new Sample(n(f.get(0)), n(f.get(1)), n(f.get(2)), n(f.get(3)), n(f.get(4)),
                        n(f.get(5)) == 1));
            }
            tracks.add(new Track(n(m.get("id")), (String) m.get("codec"), n(m.get("timescale")), List.copyOf(samples)));
        }
        return new Probe(List.copyOf(errors), Boolean.TRUE.equals(doc.get("fragmented")), List.copyOf(tracks));
    }

    /** Equal track lists, or a failure naming the first sample that differs (the lists are long). */
    public static void assertSameSamples(List<List<String>> expected, List<List<String>> actual, String what) {
        assertEquals(expected.stream().map(t -> t.get(0)).toList(), actual.stream().map(t -> t.get(0)).toList(),
                what + ": tracks");
        for (int t = 0; t < expected.size(); t++) {
            List<String> e = expected.get(t);
            List<String> a = actual.get(t);
            for (int i = 1; i < Math.min(e.size(), a.size()); i++) {
                assertEquals(e.get(i), a.get(i), what + ": " + e.get(0) + " sample " + (i - 1));
            }
            assertEquals(e.size(), a.size(), what + ": " + e.get(0) + " sample count + 1");
        }
    }

    /**
     * Per track with samples: a "track ID @TIMESCALE" line, then one line per sample (size, dts, cts,
     * duration, sync, and the offset if asked for), for {@link #assertSameSamples}.
     */
    public static List<List<String>> lines(SampleIndex index, boolean offsets) {
        List<List<String>> out = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            if (t.sampleCount() == 0) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add("track " + t.trackId() + " @" + t.timescale());
            for (int i = 0; i < t.sampleCount(); i++) {
                lines.add(sample(t.offset(i), t.size(i), t.dts(i), t.cts(i), t.duration(i), t.isSync(i), offsets));
            }
            out.add(lines);
        }
        return out;
    }

    public static List<List<String>> lines(Mp4BoxJs.Probe probe, boolean offsets) {
        List<List<String>> out = new ArrayList<>();
        for (Track t : probe.tracks()) {
            if (t.samples().isEmpty()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add("track " + t.id() + " @" + t.timescale());
            for (Sample s : t.samples()) {
                lines.add(sample(s.offset(), s.size(), s.dts(), s.cts(), s.duration(), s.sync(), offsets));
            }
            out.add(lines);
        }
        return out;
    }

    private static String sample(long offset, long size, long dts, long cts, long duration, boolean sync,
            boolean offsets) {
        return (offsets ? offset + "+" : "") + size + " dts=" + dts + " cts=" + cts + " d=" + duration
                + (sync ? " K" : "");
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }

    /**
     * {@code scripts/mp4box} with its node_modules installed: installed here with {@code npm ci} (the version
     * pinned in package-lock.json) when npm is on the PATH; skips or fails (under CI) when it cannot be.
     */
    private static synchronized Path scriptDir() {
        Path dir = Fixtures.dir().getParent().resolve("scripts").resolve("mp4box");
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("mp4box"))) {
            ExternalTools.run(Duration.ofMinutes(3), List.of("npm", "ci", "--prefix", dir.toString(), "--no-audit",
                    "--no-fund", "--loglevel=error"));
        }
        return dir;
    }
}

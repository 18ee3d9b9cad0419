package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GStreamer as a player we did not write: {@code gst-discoverer-1.0} for the streams and duration it finds, and a
 * {@code filesrc ! qtdemux} pipeline that decodes every video and audio track into a {@code fakesink}, counting
 * each sample the demuxer hands out and each frame the decoder returns; {@link #playHls} does the same for an HLS
 * presentation opened over HTTP, as a GStreamer-based player opens a stream.
 *
 * <pre>{@code
 * GStreamer.Discovery d = GStreamer.discover(Path.of("out.mp4"));    // d.seconds() == 2.0, d.streams()
 * GStreamer.Playback p = GStreamer.play(Path.of("out.mp4"));
 * p.track("video_0").samples().size();                               // samples qtdemux pushed
 * p.track("video_0").decoded();                                      // frames the decoder gave out
 * }</pre>
 *
 * <p>The counts come from GStreamer's {@code log} tracer (one line per buffer pushed on any pad, written by the
 * pushing thread into {@code GST_DEBUG_FILE}); the {@code -v} property notifications of {@code identity} lose
 * lines when threads race. Needs {@code gst-launch-1.0}, {@code gst-discoverer-1.0} (Debian:
 * gstreamer1.0-tools, gstreamer1.0-plugins-base-apps) and the demuxer and decoders (plugins-good, libav); a
 * missing program skips the test locally and fails it under {@code CI=true}.
 */
public final class GStreamer {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern DURATION = Pattern.compile("^\\s*Duration: (\\d+):(\\d+):(\\d+)\\.(\\d+)",
            Pattern.MULTILINE);
    private static final Pattern STREAM = Pattern.compile("^\\s*(video|audio|subtitles) #\\d+: (.*)$",
            Pattern.MULTILINE);
    private static final Pattern PUSH = Pattern.compile("do_push_buffer_pre:<([^>]+)>.*?, pts ([^,]+), dts ([^,]+),"
            + " dur ([^,]+), size (\\d+),");

    private GStreamer() {
    }

    /**
     * What the discoverer found.
     *
     * @param seconds the duration it reports
     * @param streams one entry per stream in file order, "video: H.264 (High Profile)", "audio: MPEG-4 AAC"
     */
    public record Discovery(double seconds, List<String> streams) {
        /** How many streams of {@code kind} ("video", "audio"). */
        public long count(String kind) {
            return streams.stream().filter(s -> s.startsWith(kind + ":")).count();
        }
    }

    /**
     * One sample as the demuxer pushed it (times in seconds, NaN for none).
     */
    public record Sample(double pts, double dts, double duration, long size) {
    }

    /**
     * One demuxer pad's stream: the samples it pushed, the buffers its decoder gave out and their total duration.
     */
    public record Track(String pad, List<Sample> samples, long decoded, double decodedSeconds) {
    }

    /** Every linked track by qtdemux pad name ({@code video_0}, {@code audio_0}...), in pad order. */
    public record Playback(Map<String, Track> tracks) {
        /** The track of {@code pad}; fails the test when the pipeline had no such pad. */
        public Track track(String pad) {
            Track t = tracks.get(pad);
            return t != null ? t : fail("GStreamer has no track " + pad + "; it has " + tracks.keySet());
        }
    }

    /** {@code gst-discoverer-1.0 FILE}: fails the test when it cannot discover the file. */
    public static Discovery discover(Path file) {
        String out = ExternalTools.run(TIMEOUT, List.of(require("gst-discoverer-1.0", "gstreamer1.0-plugins-base-apps")
                .toString(), file.toAbsolutePath().toString()));
        Matcher d = DURATION.matcher(out);
        if (!d.find()) {
            return fail("gst-discoverer-1.0 reports no duration for " + file + ":\n" + out);
        }
        String fraction = d.group(4);
        double seconds = Long.parseLong(d.group(1)) * 3600 + Long.parseLong(d.group(2)) * 60
                + Long.parseLong(d.group(3)) + Long.parseLong(fraction) / Math.pow(10, fraction.length());
        List<String> streams = new ArrayList<>();
        Matcher s = STREAM.matcher(out);
        while (s.find()) {
            streams.add(s.group(1) + ": " + s.group(2).strip());
        }
        if (out.contains("Missing plugins") || out.contains("missing plugins")) {
            return fail("gst-discoverer-1.0 misses a plugin for " + file + " (Debian: gstreamer1.0-libav,"
                    + " gstreamer1.0-plugins-good):\n" + out);
        }
        return new Discovery(seconds, List.copyOf(streams));
    }

    /**
     * Plays every video and audio track of {@code file} (as the discoverer lists them) through qtdemux and a
     * decoder into a fakesink, as fast as it can. Fails the test when the pipeline reports an error (gst-launch
     * exits non-zero on an error message, a missing decoder included).
     */
    public static Playback play(Path file) {
        Discovery d = discover(file);
        Path launch = require("gst-launch-1.0", "gstreamer1.0-tools");
        List<String> pads = new ArrayList<>();
        for (String kind : List.of("video", "audio")) {
            for (int i = 0; i < d.count(kind); i++) {
                pads.add(kind + "_" + i);
            }
        }
        if (pads.isEmpty()) {
            return fail("GStreamer finds no video or audio stream in " + file + ": " + d.streams());
        }
        Path log = null;
        try {
            log = Files.createTempFile("bmff-gst-", ".log");
            List<String> argv = new ArrayList<>(List.of("env", "GST_DEBUG_FILE=" + log, "GST_DEBUG=GST_BUFFER:7",
                    "GST_TRACERS=log", "GST_DEBUG_NO_COLOR=1", launch.toString(), "-q", "filesrc",
                    "location=" + file.toAbsolutePath(), "!", "qtdemux", "name=d"));
            for (String pad : pads) {
                // identity names the decoder's output pad, whatever decodebin plugs in.
                argv.addAll(List.of("d." + pad, "!", "queue", "!", "decodebin", "!", "identity", "name=out_" + pad,
                        "!", "fakesink", "sync=false"));
            }
            ExternalTools.run(TIMEOUT, argv);
            return count(Files.readAllLines(log, StandardCharsets.UTF_8), pads);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run GStreamer on " + file, e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }

    /**
     * Plays an HLS presentation over HTTP, as a GStreamer-based player opens a stream: {@code uridecodebin3} picks
     * {@code hlsdemux2} (gstreamer1.0-plugins-good), which loads the playlists and the segments and hands them to
     * qtdemux; every decoded video and audio stream goes into a fakesink. {@code hlsdemux2} reads only
     * {@code http(s)} URIs (a {@code file://} playlist fails to download its fragments), so the presentation is
     * served, e.g. by {@link Chromium#serve}. Samples are counted on every qtdemux's pads (one per segment series),
     * decoded frames on the decoders' outputs.
     *
     * @param videos how many video streams to link ({@code video_0}...), from the multivariant playlist
     * @param audios how many audio streams
     */
    public static Playback playHls(URI playlist, int videos, int audios) {
        Path launch = require("gst-launch-1.0", "gstreamer1.0-tools");
        List<String> pads = new ArrayList<>();
        Path log = null;
        try {
            log = Files.createTempFile("bmff-gst-", ".log");
            List<String> argv = new ArrayList<>(List.of("env", "GST_DEBUG_FILE=" + log, "GST_DEBUG=GST_BUFFER:7",
                    "GST_TRACERS=log", "GST_DEBUG_NO_COLOR=1", launch.toString(), "-q", "uridecodebin3",
                    "uri=" + playlist, "name=u"));
            for (int i = 0; i < videos + audios; i++) {
                String kind = i < videos ? "video" : "audio";
                String pad = kind + "_" + (i < videos ? i : i - videos);
                pads.add(pad);
                // The caps pick which decoded stream each branch takes.
                argv.addAll(List.of("u.", "!", kind + "/x-raw", "!", "queue", "!", "identity", "name=out_" + pad, "!",
                        "fakesink", "sync=false"));
            }
            ExternalTools.run(TIMEOUT, argv);
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            // Inside an adaptive demuxer each segment series gets a qtdemux of its own: qtdemux0, qtdemux1...
            // (the bin is not named d: its own decoded pads are video_0, audio_0 too).
            List<String> renamed = lines.stream().map(l -> l.replaceFirst("do_push_buffer_pre:<qtdemux\\d+:",
                    "do_push_buffer_pre:<d:")).toList();
            return count(renamed, pads);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run GStreamer on " + playlist, e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }

    private static Playback count(List<String> lines, List<String> pads) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Map<String, long[]> decoded = new LinkedHashMap<>();
        Map<String, double[]> decodedSeconds = new LinkedHashMap<>();
        for (String pad : pads) {
            samples.put("d:" + pad, new ArrayList<>());
            decoded.put("out_" + pad + ":src", new long[1]);
            decodedSeconds.put("out_" + pad + ":src", new double[1]);
        }
        for (String line : lines) {
            Matcher m = PUSH.matcher(line);
            if (!m.find()) {
                continue;
            }
            String pad = m.group(1);
            List<Sample> s = samples.get(pad);
            if (s != null) {
                s.add(new Sample(time(m.group(2)), time(m.group(3)), time(m.group(4)), Long.parseLong(m.group(5))));
            } else if (decoded.containsKey(pad)) {
                decoded.get(pad)[0]++;
                double dur = time(m.group(4));
                decodedSeconds.get(pad)[0] += Double.isNaN(dur) ? 0 : dur;
            }
        }
        Map<String, Track> tracks = new LinkedHashMap<>();
        for (String pad : pads) {
            String out = "out_" + pad + ":src";
            tracks.put(pad, new Track(pad, List.copyOf(samples.get("d:" + pad)), decoded.get(out)[0],
                    decodedSeconds.get(out)[0]));
        }
        return new Playback(tracks);
    }

    /** A GStreamer clock time "H:MM:SS.NNNNNNNNN" in seconds; NaN for "none" or the 99:99:99 of no time. */
    private static double time(String t) {
        String[] p = t.strip().split("[:.]");
        if (p.length != 4 || p[0].startsWith("99")) {
            return Double.NaN;
        }
        try {
            return Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2])
                    + Long.parseLong(p[3]) / 1e9;
        } catch (NumberFormatException none) {
            return Double.NaN;
        }
    }

    private static Path require(String tool, String debianPackage) {
        return ExternalTools.find(tool).orElseGet(() -> ExternalTools.missing("'" + tool + "' is not on the PATH ("
                + System.getenv("PATH") + "); install it (Debian: apt-get install " + debianPackage
                + " gstreamer1.0-plugins-good gstreamer1.0-libav)"));
    }
}

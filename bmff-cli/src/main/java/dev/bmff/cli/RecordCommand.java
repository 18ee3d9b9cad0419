package dev.bmff.cli;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.entry.CodecStrings;
import dev.bmff.codecs.record.Av1Source;
import dev.bmff.codecs.record.OggOpusSource;
import dev.bmff.codecs.record.SourceRecorder;
import dev.bmff.codecs.record.StreamRecorder;
import dev.bmff.codecs.record.TrackSource;
import dev.bmff.codecs.record.VideoCodec;
import dev.bmff.core.write.CmafWriter;
import dev.bmff.core.write.Durability;
import dev.bmff.core.write.FragmentedWriter;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.SegmentedWriter;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.core.write.TrackTimeline;
import dev.bmff.core.dump.Json;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bmff record}: an Annex B video stream (and ADTS audio) from files or stdin into an MP4, through
 * {@link StreamRecorder}. Ctrl-C finalizes the file through a shutdown hook.
 */
final class RecordCommand implements Command {
    @Override
    public String name() {
        return "record";
    }

    @Override
    public String summary() {
        return "record an H.264/HEVC Annex B stream (and ADTS AAC), or AV1 (and Opus), from a file or stdin";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff record --video IN.h264|IN.h265|IN.ivf|IN.obu|- [--audio IN.aac|IN.opus|-] [--fps R]
                                   [--layout hybrid|fragmented|standard|cmaf] [--fragment-ms N]
                                   [--sync-every fragment|never|SECONDS]
                                   [--segment-seconds S [--strftime]] [--wallclock]
                                   [--json] [--[no-]progress] OUT

                Writes an Annex B H.264 or HEVC stream (codec from the extension, or from the
                first NAL unit for stdin) and an optional ADTS AAC stream into OUT. An AV1 stream
                (IVF, or the low-overhead OBU format of ffmpeg -f obu; told by the extension or the
                first bytes) is recorded with optional Opus audio in Ogg (.opus/.ogg): each temporal
                unit is one sample, the Opus pre-skip becomes the edit list. Recording an RTSP camera:

                  ffmpeg -rtsp_transport tcp -i rtsp://CAMERA -c copy -f h264 - \\
                      | bmff record --video - out.mp4

                  --video IN         Annex B or AV1 (IVF, OBU) video file, or - for stdin
                  --audio IN         ADTS AAC file (with H.264/HEVC) or Ogg Opus file (with AV1),
                                     or - for stdin (not both on stdin)
                  --fps R            frame rate for the timestamps: 25 (default), 29.97, 30000/1001
                                     (IVF files carry their own times)
                  --wallclock        time each picture by its arrival instead (like ffmpeg's
                                     use_wallclock_as_timestamps); audio stays 1024 samples a frame
                  --layout L         hybrid (default: fragmented while recording, standard once
                                     finished), fragmented, standard (moov written at the end), or
                                     cmaf: OUT is a directory (made if missing) that gets a live HLS
                                     playlist.m3u8 (and master.m3u8), init.mp4 and a CMAF segment
                                     seg-NNNNN.m4s every --segment-seconds (default 4); a browser
                                     (hls.js, Safari) plays it while it grows, and every segment is
                                     kept: once finished the playlist is the whole recording
                  --fragment-ms N    longest fragment in milliseconds (default 2000; a fragment also
                                     ends at each keyframe)
                  --sync-every S     when a hybrid or fragmented file is forced to the device (fsync):
                                     fragment (default: after each, so a power cut loses at most the
                                     fragments not yet forced; the force runs while the next fragment
                                     is written), a number of seconds (after a fragment once S seconds
                                     passed since the last force: fewer forces, a power cut may lose
                                     those seconds), or never (fastest; the OS writes back when it
                                     likes: a crash of bmff loses nothing written, a power cut what
                                     the OS had not written yet)
                  --segment-seconds S  a new file every S seconds, at a keyframe; OUT is a pattern
                                     like out%03d.mp4 (the segment number)
                  --strftime         with --segment-seconds: expand %Y %m %d %H %M %S in OUT from
                                     the wall clock (out-%Y-%m-%d_%H-%M-%S.mp4)
                  --json             print the result as one JSON object: output, layout,
                                     videoFrames, audioFrames (null without audio)
                  --progress         show the progress bar on stderr (video bytes read, rate,
                                     time left for a file) even when it is not a terminal
                  --no-progress      never show it (default: shown when stderr is a terminal)

                Ctrl-C (SIGINT) or SIGTERM finishes the file cleanly. After SIGKILL or a power cut a
                hybrid or fragmented file still plays up to its last complete fragment; a standard
                one needs bmff repair.

                Exit codes: 0 recorded, 1 a stream could not be read or written, 64 wrong arguments.
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--strftime", "--wallclock", "--json", ProgressBar.ON, ProgressBar.OFF),
                Set.of("--video", "--audio", "--fps", "--layout", "--fragment-ms", "--segment-seconds",
                        "--sync-every"));
        String output = args.one("OUT");
        String videoName = args.value("--video");
        if (videoName == null) {
            throw new UsageException("--video is required");
        }
        String audioName = args.value("--audio");
        if ("-".equals(videoName) && "-".equals(audioName)) {
            throw new UsageException("video and audio cannot both come from stdin");
        }
        String layout = args.value("--layout") == null ? "hybrid" : args.value("--layout");
        Duration fragment = Duration.ofMillis(positiveLong(args, "--fragment-ms", 2000));
        Durability durability = durability(args.value("--sync-every"));
        if (args.value("--sync-every") != null && !layout.equals("hybrid") && !layout.equals("fragmented")) {
            throw new UsageException("--sync-every applies to --layout hybrid and fragmented, not " + layout);
        }
        Duration segment = segmentDuration(args);
        if (args.has("--strftime") && segment == null) {
            throw new UsageException("--strftime needs --segment-seconds");
        }
        int[] fps = frameRate(args.value("--fps"));

        StreamRecorder.WriterFactory writers;
        if (layout.equals("cmaf")) {
            if (args.has("--strftime")) {
                throw new UsageException("--strftime does not apply to --layout cmaf: its segments are numbered");
            }
            writers = cmaf(Path.of(output), segment == null ? Duration.ofSeconds(4) : segment);
        } else if (segment == null) {
            SegmentedWriter.SegmentFactory inner = factory(layout, fragment, durability);
            Path target = Path.of(output);
            writers = tracks -> inner.open(target, tracks);
        } else {
            SegmentedWriter.SegmentFactory inner = factory(layout, fragment, durability);
            SegmentedWriter.Options o = SegmentedWriter.Options.defaults().withFactory(inner)
                    .withSegmentDuration(segment).withStrftime(args.has("--strftime"));
            try {
                SegmentedWriter.checkPattern(output, o.strftime()); // before anything is read
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            writers = tracks -> SegmentedWriter.create(output, tracks, o);
        }

        ProgressBar bar = ProgressBar.of(args, err, name());
        long videoSize = "-".equals(videoName) ? -1 : Files.size(Main.existingFile(videoName));
        try (CountingInputStream video = new CountingInputStream(open(videoName));
                InputStream audio = audioName == null ? null : open(audioName)) {
            if (isAv1(videoName, video)) {
                return recordAv1(args, out, err, output, layout, writers, bar, video, videoSize, audio, fps);
            }
            VideoCodec codec = codec(videoName, video);
            StreamRecorder.Progress progress = !bar.enabled() ? StreamRecorder.Progress.NONE
                    : (frames, seconds) -> bar.update(video.count, videoSize,
                            String.format(Locale.ROOT, "%d pictures, %.1f s", frames, seconds));
            StreamRecorder recorder = new StreamRecorder(codec, StreamRecorder.Options.defaults()
                    .withFrameRate(fps[0], fps[1]).withWallclock(args.has("--wallclock")).withProgress(progress),
                    writers);
            StreamRecorder.Summary s = finishingOnExit(() -> recorder.run(video, audio), recorder::stop, output,
                    bar.enabled(), err);
            bar.finish();
            report(args, out, output, layout, s.videoFrames(), audio == null ? -1 : s.audioFrames(), "pictures",
                    "audio frames");
            return 0;
        }
    }

    /** AV1 by the name ({@code .ivf}, {@code .obu}, {@code .av1}) or the first bytes (DKIF, a temporal delimiter). */
    private static boolean isAv1(String name, InputStream in) throws IOException {
        if (Av1Source.isAv1Name(name)) {
            return true;
        }
        if (VideoCodec.fromFileName(name).isPresent()) {
            return false;
        }
        byte[] head = head(in, 4);
        return Av1Source.isIvf(head, head.length) || Av1Source.isObuStream(head, head.length);
    }

    private static byte[] head(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] head = in.readNBytes(n);
        in.reset();
        return head;
    }

    /** AV1 (and Ogg Opus) through {@link SourceRecorder}; the Annex B path stays {@link StreamRecorder}'s. */
    private int recordAv1(Args args, PrintStream out, PrintStream err, String output, String layout,
            StreamRecorder.WriterFactory writers, ProgressBar bar, CountingInputStream video, long videoSize,
            InputStream audio, int[] fps) throws IOException, UsageException {
        if (args.has("--wallclock")) {
            throw new UsageException("--wallclock is for Annex B streams; AV1 is timed by IVF or --fps");
        }
        List<TrackSource> sources = new java.util.ArrayList<>();
        sources.add(Av1Source.open(video, fps[0], fps[1]));
        if (audio != null) {
            byte[] head = head(audio, 4);
            if (!OggOpusSource.isOgg(head, head.length)) {
                throw new UsageException("with AV1 video, --audio must be Opus in Ogg (.opus, .ogg)");
            }
            sources.add(OggOpusSource.open(audio));
        }
        StreamRecorder.Progress progress = !bar.enabled() ? StreamRecorder.Progress.NONE
                : (frames, seconds) -> bar.update(video.count, videoSize,
                        String.format(Locale.ROOT, "%d pictures, %.1f s", frames, seconds));
        SourceRecorder recorder = new SourceRecorder(sources, progress);
        long[] written = finishingOnExit(() -> recorder.run(writers), recorder::stop, output, bar.enabled(), err);
        bar.finish();
        report(args, out, output, layout, written[0], audio == null ? -1 : written[1], "AV1 temporal units",
                "Opus packets");
        return 0;
    }

    /** A recording's run. */
    @FunctionalInterface
    private interface Run<T> {
        T call() throws IOException;
    }

    /** A recording's stop, from a shutdown hook (Ctrl-C). */
    @FunctionalInterface
    private interface Stop {
        void call() throws IOException;
    }

    /** Runs {@code run} with a shutdown hook that calls {@code stop}, so Ctrl-C finishes the file. */
    private static <T> T finishingOnExit(Run<T> run, Stop stop, String output, boolean terminal,
            PrintStream err) throws IOException {
        Thread hook = new Thread(() -> {
            try {
                stop.call();
                err.println((terminal ? "\n" : "") + "bmff record: interrupted; " + output + " finished");
            } catch (IOException e) {
                err.println("bmff record: could not finish " + output + " on exit: " + e.getMessage());
            }
        }, "bmff-record-finish");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.call();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or ran: it finishes the file.
            }
        }
    }

    /** What was recorded: one JSON object with --json, else a line ({@code audio} -1: no audio track). */
    private static void report(Args args, PrintStream out, String output, String layout, long video, long audio,
            String videoUnit, String audioUnit) {
        if (args.has("--json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", output);
            m.put("layout", layout);
            m.put("videoFrames", video);
            m.put("audioFrames", audio < 0 ? null : audio);
            out.println(Json.encode(m));
        } else {
            out.printf("recorded %d %s%s to %s%n", video, videoUnit, audio < 0 ? "" : " and " + audio + " " + audioUnit,
                    output);
        }
    }

    /** Counts the bytes read, for the progress bar; mark and reset move the count back with the stream. */
    private static final class CountingInputStream extends FilterInputStream {
        volatile long count;
        private long marked;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            marked = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = marked;
        }
    }

    /**
     * The CMAF presentation in {@code dir}: its multivariant playlist names the codecs when this library can
     * (a player then knows before the first segment whether it can decode them).
     */
    private static StreamRecorder.WriterFactory cmaf(Path dir, Duration segment) throws IOException, UsageException {
        if (Files.exists(dir.resolve(CmafWriter.PLAYLIST))) {
            throw new UsageException(dir + " already holds a recording (" + CmafWriter.PLAYLIST + "); name another"
                    + " directory");
        }
        Files.createDirectories(dir);
        return tracks -> {
            String codecs;
            try {
                codecs = CodecStrings.of(tracks.stream().map(TrackSpec::sampleEntry).toList()).orElse(null);
            } catch (BitstreamException e) {
                codecs = null;
            }
            return CmafWriter.create(dir, tracks, CmafWriter.Options.defaults().withSegmentDuration(segment)
                    .withCodecs(codecs));
        };
    }

    private static SegmentedWriter.SegmentFactory factory(String layout, Duration fragment, Durability durability)
            throws UsageException {
        return switch (layout) {
            case "hybrid" -> SegmentedWriter.SegmentFactory.hybrid(HybridWriter.Options.defaults()
                    .withMaxFragmentDuration(fragment).withDurability(durability));
            case "fragmented" -> SegmentedWriter.SegmentFactory.fragmented(FragmentedWriter.Options.defaults()
                    .withMaxFragmentDuration(fragment).withDurability(durability));
            case "standard" -> SegmentedWriter.SegmentFactory.standard(StandardWriter.Options.defaults()
                    .withTimestampPolicy(TrackTimeline.Policy.REPAIR));
            default -> throw new UsageException("--layout must be hybrid, fragmented, standard or cmaf, not " + layout);
        };
    }

    private static InputStream open(String name) throws IOException {
        if (name.equals("-")) {
            return new BufferedInputStream(System.in, 1 << 16) {
                @Override
                public void close() {
                    // stdin stays open for whoever runs us
                }
            };
        }
        return new BufferedInputStream(Files.newInputStream(Main.existingFile(name)), 1 << 16);
    }

    private static VideoCodec codec(String name, InputStream in) throws IOException {
        var byName = VideoCodec.fromFileName(name);
        if (byName.isPresent()) {
            return byName.get();
        }
        in.mark(4096);
        byte[] head = new byte[4096];
        int n = 0;
        for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
            n += r;
            if (n >= 64) {
                break;
            }
        }
        in.reset();
        return VideoCodec.sniff(head, n);
    }

    private static long positiveLong(Args args, String name, long otherwise) throws UsageException {
        String v = args.value(name);
        if (v == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException(name + " must be a positive whole number, not " + v);
    }

    /** {@code --sync-every}: fragment (the default), never, or seconds between forces. */
    static Durability durability(String v) throws UsageException {
        if (v == null || v.equals("fragment")) {
            return Durability.everyFragment();
        }
        if (v.equals("never")) {
            return Durability.none();
        }
        try {
            double s = Double.parseDouble(v);
            if (s > 0 && s < 1e7) {
                return Durability.atInterval(Duration.ofNanos(Math.round(s * 1e9)));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException("--sync-every must be fragment, never or a positive number of seconds, not " + v);
    }

    private static Duration segmentDuration(Args args) throws UsageException {
        String v = args.value("--segment-seconds");
        if (v == null) {
            return null;
        }
        try {
            double s = Double.parseDouble(v);
            if (s > 0 && s < 1e7) {
                return Duration.ofNanos(Math.round(s * 1e9));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException("--segment-seconds must be a positive number, not " + v);
    }

    /** "25", "29.97" (as 30000/1001), "30000/1001" or "12.5" as numerator and denominator. */
    static int[] frameRate(String v) throws UsageException {
        if (v == null) {
            return new int[] {25, 1};
        }
        try {
            int slash = v.indexOf('/');
            if (slash > 0) {
                int num = Integer.parseInt(v.substring(0, slash));
                int den = Integer.parseInt(v.substring(slash + 1));
                if (num > 0 && den > 0 && num / den <= 1000) {
                    return new int[] {num, den};
                }
            } else {
                double r = Double.parseDouble(v);
                for (double ntsc : new double[] {23.976, 29.97, 59.94}) {
                    if (Math.abs(r - ntsc) < 0.005) {
                        return new int[] {(int) Math.round(ntsc * 1.001) * 1000, 1001};
                    }
                }
                if (r > 0 && r <= 1000) {
                    int den = 1000;
                    int num = (int) Math.round(r * den);
                    int g = java.math.BigInteger.valueOf(num).gcd(java.math.BigInteger.valueOf(den)).intValue();
                    return new int[] {num / g, den / g};
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException("--fps must be a positive rate up to 1000 (25, 29.97 or 30000/1001), not " + v);
    }
}

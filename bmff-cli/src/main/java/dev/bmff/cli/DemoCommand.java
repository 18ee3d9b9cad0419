package dev.bmff.cli;

import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.dump.Json;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.RemuxSource;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairReport;
import dev.bmff.recover.TrackReport;
import dev.bmff.recover.Verifier;
import dev.bmff.recover.VerifyReport;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bmff demo [DIR]}: the library's main job on the sample bundled in the jar (2 s of H.264 + AAC made by
 * {@code scripts/make-fixtures.sh}). A child process records it with {@link HybridWriter} and is killed with
 * SIGKILL mid-recording; the crashed file is read and verified, finalized with {@link Recovery#repair(Path, Path)};
 * a standard MP4 that lost its moov is repaired with {@link Recovery#repair(Path, Path, Path)}; every result is
 * checked with {@link Verifier} (and ffprobe when it is on the PATH).
 */
final class DemoCommand implements Command {
    /** The hidden subcommand the child process runs. */
    static final String RECORD = "demo-record";
    /** The bundled sample, next to this class. */
    static final String SAMPLE_RESOURCE = "demo/sample.mp4";

    /** The recording runs this many times faster than real time. */
    private static final double SPEED = 4;
    /** The child says "mid-recording" once this many seconds of media are written; the parent kills it then. */
    private static final double CRASH_AT_SECONDS = 3.2;
    /** The child loops the sample at most this often (if nobody kills it, it finishes the file). */
    private static final int MAX_LOOPS = 20;
    private static final String MID = "mid-recording";

    static final String SAMPLE = "sample.mp4";
    static final String CRASHED = "crashed.mp4";
    static final String FINALIZED = "finalized.mp4";
    static final String STANDARD = "standard.mp4";
    static final String LOST_MOOV = "lost-moov.mp4";
    static final String REPAIRED = "repaired.mp4";
    static final List<String> FILES = List.of(SAMPLE, CRASHED, FINALIZED, STANDARD, LOST_MOOV, REPAIRED);

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the main job on a bundled sample: record, crash, still plays, repair, finalize, verify";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff demo [--json] [DIR]

                Shows what the library is for, on a sample bundled in bmff.jar (2 s of
                H.264 + AAC), in a few seconds and with nothing else installed:
                  1. a child process records the sample with the hybrid writer and is
                     killed with SIGKILL mid-recording (a simulated crash);
                  2. the crashed file still plays: our reader finds the frames of its
                     complete fragments, and bmff verify checks it;
                  3. a standard MP4 that lost its moov is repaired with Recovery.repair,
                     the sample serving as the reference recording;
                  4. the crashed recording is finalized into a standard MP4;
                  5. each result is verified (and read with ffprobe when it is on the PATH).
                It prints the story and where the files are.

                DIR (created if needed) receives sample.mp4, crashed.mp4, finalized.mp4,
                standard.mp4, lost-moov.mp4 and repaired.mp4; existing files are never
                overwritten. Default: a new directory ./bmff-demo (or ./bmff-demo-2, ...).

                  --json   the story goes to stderr; stdout gets one JSON object: ok, dir,
                           crashed {file, bytes, fragments, samples, sound}, repaired and
                           finalized {file, samples, complete, sound}

                Exit codes: 0 every step succeeded, 1 a step failed.
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream stdout, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json"));
        boolean json = args.has("--json");
        PrintStream out = json ? err : stdout; // the story; with --json, stdout is for the JSON alone
        if (args.positional.size() > 1) {
            throw new UsageException("expected at most one DIR, got " + args.positional.size() + " arguments");
        }
        Path dir = args.positional.isEmpty() ? freshDirectory() : Path.of(args.positional.get(0));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        for (String f : FILES) {
            if (Files.exists(dir.resolve(f))) {
                throw new IOException(dir.resolve(f) + " already exists: not overwriting it (give another DIR)");
            }
        }
        Files.createDirectories(dir);
        Path sample = dir.resolve(SAMPLE);
        try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IOException("the bundled sample " + SAMPLE_RESOURCE + " is missing from the jar");
            }
            Files.copy(in, sample);
        }
        Media media = Media.read(sample);
        out.printf(Locale.ROOT, "bmff demo: the bundled sample, %s, in %s%n", media.describe(), show(dir));
        boolean ok = true;

        // 1. Record in a child process and kill it.
        Path crashed = dir.resolve(CRASHED);
        out.printf(Locale.ROOT, "%n1. Recording %s into %s with the hybrid writer, in a child process, at %.0fx real"
                + " time...%n", show(sample), show(crashed), SPEED);
        String killed = recordAndKill(sample, crashed);
        out.println("   Simulated crash: " + killed);

        // 2. The crashed file still plays.
        out.printf("%n2. The crashed file still plays (%d bytes, no final index):%n", Files.size(crashed));
        ReadResult crashedRead = BoxReader.read(crashed, ReadOptions.lenient());
        SampleIndex crashedIndex = SampleIndex.of(crashedRead, ReadOptions.Mode.LENIENT);
        int fragments = crashedRead.all(MovieFragmentBox.class).size();
        out.printf("   our reader: %d fragments, %s%n", fragments, frames(crashedIndex));
        if (crashedIndex.tracks().stream().mapToInt(TrackSamples::sampleCount).sum() == 0) {
            out.println("   FAILED: no frame survived the crash");
            ok = false;
        }
        VerifyReport crashedCheck = Verifier.verify(crashed);
        out.println("   bmff verify: " + (crashedCheck.isSound() ? "sound (a fragmented MP4 up to its last complete"
                + " fragment)" : summary(crashedCheck) + " (the torn end that the finalize below leaves out)"));

        // 3. A standard MP4 that lost its moov.
        Path standard = dir.resolve(STANDARD);
        Path lostMoov = dir.resolve(LOST_MOOV);
        Path repaired = dir.resolve(REPAIRED);
        out.printf("%n3. A standard MP4 that lost its moov: %s written with the standard writer,%n", show(standard));
        media.writeStandard(standard);
        long cut = cutMoov(standard, lostMoov);
        out.printf("   %s is it without its moov (%d bytes cut, mdat size zeroed, as a crashed camera leaves it)%n",
                show(lostMoov), Files.size(standard) - cut);
        RepairReport repair = Recovery.repair(sample, lostMoov, repaired);
        out.printf("   Recovery.repair(%s, %s, %s): recovered %s%n", SAMPLE, LOST_MOOV, REPAIRED,
                recovered(repair, media.counts()));
        if (repair.tracks().stream().mapToLong(TrackReport::samples).sum() == 0) {
            ok = false;
        }

        // 4. Finalize the crashed recording.
        Path finalized = dir.resolve(FINALIZED);
        RepairReport finish = Recovery.repair(crashed, finalized);
        out.printf("%n4. Finalizing the crashed recording: Recovery.repair(%s, %s): %s, a standard MP4%n", CRASHED,
                FINALIZED, recovered(finish, null));
        if (finish.tracks().stream().mapToLong(TrackReport::samples).sum() == 0) {
            ok = false;
        }

        // 5. Verify.
        out.println("\n5. Verifying the results:");
        Optional<Path> ffprobe = onPath("ffprobe");
        Map<Path, Boolean> sound = new HashMap<>();
        for (Path p : List.of(repaired, finalized)) {
            VerifyReport v = Verifier.verify(p);
            sound.put(p, v.isSound());
            StringBuilder line = new StringBuilder("   bmff verify " + show(p) + ": " + summary(v));
            if (!v.isSound()) {
                ok = false;
            }
            if (ffprobe.isPresent()) {
                String probe = ffprobe(ffprobe.get(), p);
                line.append(probe == null ? "; ffprobe reads it too" : "; ffprobe FAILED: " + probe);
                ok &= probe == null;
            }
            out.println(line);
            if (!v.isSound()) {
                v.problems().forEach(pr -> out.println("     problem at " + pr));
            }
        }
        if (ffprobe.isEmpty()) {
            out.println("   (ffprobe is not on the PATH: our own checks only)");
        }

        out.printf("%n%s Files in %s:%n", ok ? "Every step succeeded." : "Some step FAILED (see above).", show(dir));
        out.printf("   %-14s the bundled sample (the reference for step 3)%n", SAMPLE);
        out.printf("   %-14s the recording killed mid-way (plays up to its last complete fragment)%n", CRASHED);
        out.printf("   %-14s the crashed recording finalized into a standard MP4%n", FINALIZED);
        out.printf("   %-14s a standard MP4 of the sample, and %s: the same without its moov%n", STANDARD,
                LOST_MOOV);
        out.printf("   %-14s %s repaired%n", REPAIRED, LOST_MOOV);
        out.println("Try: bmff inspect " + show(finalized) + ", bmff verify " + show(crashed));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", ok);
            doc.put("dir", dir.toString());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("file", crashed.toString());
            c.put("bytes", Files.size(crashed));
            c.put("fragments", fragments);
            c.put("samples", crashedIndex.tracks().stream().mapToLong(TrackSamples::sampleCount).sum());
            c.put("sound", crashedCheck.isSound());
            doc.put("crashed", c);
            doc.put("repaired", result(repaired, repair, sound.get(repaired)));
            doc.put("finalized", result(finalized, finish, sound.get(finalized)));
            stdout.println(Json.encode(doc));
        }
        return ok ? 0 : Main.EXIT_FAILURE;
    }

    private static Map<String, Object> result(Path file, RepairReport report, boolean sound) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("samples", report.tracks().stream().mapToLong(TrackReport::samples).sum());
        m.put("complete", report.isComplete());
        m.put("sound", sound);
        return m;
    }

    // ------------------------------------------------------------------ the child process

    /** The hidden {@code demo-record SAMPLE OUT}: records until killed (or after {@link #MAX_LOOPS} loops). */
    static int record(List<String> args, PrintStream out) throws Exception {
        if (args.size() != 2) {
            throw new UsageException("expected SAMPLE OUT");
        }
        Media media = Media.read(Path.of(args.get(0)));
        HybridWriter.Options options = HybridWriter.Options.defaults().withMaxFragmentDuration(Duration.ofSeconds(1));
        try (HybridWriter w = HybridWriter.create(Path.of(args.get(1)), media.specs(), options);
                FileChannel in = FileChannel.open(Path.of(args.get(0)), StandardOpenOption.READ)) {
            long start = System.nanoTime();
            boolean announced = false;
            for (int loop = 0; loop < MAX_LOOPS; loop++) {
                for (RemuxSource.Item item : media.items()) {
                    double at = loop * media.loopSeconds() + item.seconds();
                    long due = start + (long) (at / SPEED * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    w.write(media.sample(in, item, loop));
                    if (!announced && at >= CRASH_AT_SECONDS) {
                        announced = true;
                        out.printf(Locale.ROOT, "%s %.1f%n", MID, at);
                        out.flush();
                    }
                }
            }
        }
        out.println("finished");
        return 0;
    }

    private static String recordAndKill(Path sample, Path crashed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-cp");
        command.add(classPath());
        command.add(Main.class.getName());
        command.add(RECORD);
        command.add(sample.toString());
        command.add(crashed.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line;
        StringBuilder said = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null && !line.startsWith(MID)) {
                said.append(line).append('\n');
            }
            if (line == null) {
                child.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("the recording child process stopped before it was killed: " + said);
            }
            long pid = child.pid();
            child.destroyForcibly();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                throw new IOException("the recording child process " + pid + " did not die");
            }
            return String.format(Locale.ROOT, "killed the recorder (pid %d) with SIGKILL at %s s of media,"
                    + " mid-recording (exit code %d)", pid, line.substring(MID.length()).trim(), child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }

    /** Where our classes come from: bmff.jar alone, or the modules' class directories/jars in a build. */
    private static String classPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(Main.class, HybridWriter.class, CodecParameters.class, Recovery.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IOException("cannot find where " + c.getName() + " was loaded from: " + e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    // ------------------------------------------------------------------ the sample's frames

    /**
     * The tracks and samples of the bundled file, in time order ({@link RemuxSource}), and how long one loop of it
     * lasts per track and in all. The specs have no edit list: the recording loops the sample, so the writer decides
     * (the source's edit lists span one loop).
     */
    private record Media(RemuxSource source, List<TrackSpec> specs, List<RemuxSource.Item> items,
            long[] loopDurations, double loopSeconds) {
        static Media read(Path file) throws IOException {
            RemuxSource source = RemuxSource.read(file);
            List<TrackSpec> specs = new ArrayList<>();
            for (TrackSpec s : source.specs()) {
                specs.add(s.withEditList(null));
            }
            List<RemuxSource.Item> items = new ArrayList<>();
            source.samples().forEach(items::add);
            List<TrackSamples> tracks = source.tracks();
            long[] durations = new long[tracks.size()];
            double longest = 0;
            for (int k = 0; k < tracks.size(); k++) {
                TrackSamples t = tracks.get(k);
                durations[k] = t.totalDuration();
                longest = Math.max(longest, (double) t.totalDuration() / t.timescale());
            }
            return new Media(source, specs, items, durations, longest);
        }

        /** {@code item} of the {@code loop}th time round (from 0), its bytes read from {@code in}. */
        Sample sample(FileChannel in, RemuxSource.Item item, int loop) throws IOException {
            Sample s = source.read(in, item);
            return loop == 0 ? s : new Sample(s.track(), s.data(), s.dts() + loop * loopDurations[s.track()],
                    s.compositionOffset(), s.duration(), s.sync());
        }

        List<TrackSamples> tracks() {
            return source.tracks();
        }

        long[] counts() {
            return tracks().stream().mapToLong(TrackSamples::sampleCount).toArray();
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            for (TrackSamples t : tracks()) {
                parts.add(kind(t.handlerType().toString()) + " " + t.sampleCount() + " frames");
            }
            return String.format(Locale.ROOT, "%.1f s: %s", loopSeconds, String.join(", ", parts));
        }

        void writeStandard(Path out) throws IOException {
            try (StandardWriter w = StandardWriter.create(out, specs, StandardWriter.Options.defaults());
                    FileChannel in = FileChannel.open(source.file(), StandardOpenOption.READ)) {
                for (RemuxSource.Item item : items) {
                    w.write(sample(in, item, 0));
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Copies {@code standard} up to its moov (which follows the mdat) and zeroes the mdat's size field. */
    private static long cutMoov(Path standard, Path lostMoov) throws IOException {
        ReadResult r = BoxReader.read(standard, ReadOptions.strict());
        BoxNode moov = null;
        BoxNode mdat = null;
        for (BoxNode n : r.nodes()) {
            if (n.box() instanceof MovieBox) {
                moov = n;
            } else if (n.box() instanceof MediaDataBox && mdat == null) {
                mdat = n;
            }
        }
        if (moov == null || mdat == null || moov.header().offset() < mdat.header().end()) {
            throw new IOException(standard + " does not have its moov after its mdat");
        }
        long cut = moov.header().offset();
        try (FileChannel in = FileChannel.open(standard, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(lostMoov, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < cut) {
                done += in.transferTo(done, cut - done, out);
            }
            if (!mdat.header().largeSize()) {
                out.write(ByteBuffer.allocate(4), mdat.header().offset());
            }
        }
        return cut;
    }

    private static String frames(SampleIndex index) {
        List<String> parts = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            parts.add(String.format(Locale.ROOT, "%s %d frames (%.2f s)", kind(t.handlerType().toString()),
                    t.sampleCount(), t.timescale() == 0 ? 0.0 : (double) t.totalDuration() / t.timescale()));
        }
        return String.join(", ", parts);
    }

    private static String recovered(RepairReport report, long[] of) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < report.tracks().size(); i++) {
            TrackReport t = report.tracks().get(i);
            String total = of != null && i < of.length ? " of " + of[i] : "";
            parts.add(String.format(Locale.ROOT, "%d%s %s frames (%.2f s)", t.samples(), total, codecName(t.codec()),
                    t.durationSeconds()));
        }
        return String.join(", ", parts) + (report.isComplete() ? "" : "; skipped " + report.skippedBytes()
                + " bytes");
    }

    private static String summary(VerifyReport v) {
        if (v.isSound()) {
            List<String> parts = new ArrayList<>();
            for (VerifyReport.Track t : v.tracks()) {
                parts.add(t.samples() + " " + kind(t.handler()));
            }
            return "sound (" + String.join(" + ", parts) + " samples)";
        }
        return v.problems().size() + (v.problems().size() == 1 ? " problem: " : " problems, the first: ")
                + v.problems().get(0);
    }

    private static String kind(String handler) {
        return switch (handler) {
            case "vide" -> "video";
            case "soun" -> "audio";
            default -> handler;
        };
    }

    private static String codecName(String codec) {
        return switch (codec) {
            case "avc1", "avc3" -> "H.264";
            case "hvc1", "hev1" -> "HEVC";
            case "mp4a" -> "AAC";
            default -> codec;
        };
    }

    private static String show(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        String s = abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
        return Files.isDirectory(p) ? s + File.separator : s;
    }

    private static Path freshDirectory() {
        Path p = Path.of("bmff-demo");
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of("bmff-demo-" + i);
        }
        return p;
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Null when ffprobe reads {@code file} without a message, else what went wrong. */
    private static String ffprobe(Path ffprobe, Path file) {
        try {
            Process p = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-show_entries", "format=duration",
                    "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            if (p.exitValue() != 0 || !said.matches("[0-9.]+")) {
                return said.isEmpty() ? "exit code " + p.exitValue() : said.lines().findFirst().orElse("");
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}

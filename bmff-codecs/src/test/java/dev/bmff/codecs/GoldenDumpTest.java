package dev.bmff.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.dump.BoxTreeDump;
import dev.bmff.core.dump.Json;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden dumps, in the manner of Media3's extractor tests: for every media fixture ({@code fixtures/} and
 * {@code fixtures/real/}) a checked-in text file, {@code fixtures/dumps/NAME.dump}, holds what the reader
 * makes of it: the box tree with offsets, sizes and key fields ({@link BoxTreeDump}), the decoded codec
 * parameters under each sample entry, and every sample of every track (offset, size, dts, cts, duration,
 * sync, sample description). Any change in what is read shows up as a diff of that file. No ffmpeg needed.
 *
 * <p>After a deliberate change (or new fixtures), regenerate them all and review the diff:
 * <pre>
 * mvn -B -pl bmff-codecs -am verify -Dtest=GoldenDumpTest -Dsurefire.failIfNoSpecifiedTests=false -Dbmff.updateDumps=true
 * </pre>
 */
class GoldenDumpTest {
    static final String UPDATE = "bmff.updateDumps";
    static final String REGENERATE = "mvn -B -pl bmff-codecs -am verify -Dtest=GoldenDumpTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dbmff.updateDumps=true";

    /** The media fixtures, as paths relative to {@code fixtures/}: the top level, then {@code real/}. */
    static List<String> fixtures() {
        List<String> out = new ArrayList<>();
        Path dir = Fixtures.dir();
        for (Path p : Fixtures.all()) {
            out.add(p.getFileName().toString());
        }
        Path real = dir.resolve("real");
        if (Files.isDirectory(real)) {
            try (Stream<Path> s = Files.list(real)) {
                s.filter(GoldenDumpTest::isMedia).sorted().forEach(p -> out.add("real/" + p.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static boolean isMedia(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().matches("(?i).+\\.(mp4|mov|m4a|m4v)");
    }

    static Path dumpOf(String fixture) {
        return Fixtures.dir().resolve("dumps").resolve(fixture + ".dump");
    }

    @TestFactory
    Stream<DynamicTest> everyFixture_readsAsItsDumpSays() {
        boolean update = Boolean.getBoolean(UPDATE);
        return fixtures().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String actual = dump(name, Fixtures.dir().resolve(name));
            Path golden = dumpOf(name);
            if (update) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.isRegularFile(golden)) {
                fail("no dump " + golden + " for fixture " + name + "; write it with: " + REGENERATE);
            }
            // A checkout may have turned the line ends into CRLF.
            String expected = Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n");
            if (!expected.equals(actual)) {
                fail(firstDifference(name, expected, actual));
            }
        }));
    }

    @Test
    void everyDump_hasItsFixture() throws IOException {
        Path dumps = Fixtures.dir().resolve("dumps");
        List<String> names = fixtures();
        List<String> stale = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dumps)) {
            s.filter(p -> p.toString().endsWith(".dump")).forEach(p -> {
                String rel = dumps.relativize(p).toString().replace('\\', '/');
                if (!names.contains(rel.substring(0, rel.length() - ".dump".length()))) {
                    stale.add(rel);
                }
            });
        }
        if (Boolean.getBoolean(UPDATE)) {
            for (String rel : stale) {
                Files.delete(dumps.resolve(rel));
            }
            return;
        }
        assertTrue(stale.isEmpty(), "dumps without a fixture (delete them, or run " + REGENERATE + "): " + stale);
        assertEquals(names.size(), names.stream().distinct().count());
    }

    /** The dump of one fixture: the box tree with codec lines, the problems, then each track's samples. */
    static String dump(String name, Path file) throws IOException {
        ReadResult read = BoxReader.read(file, ReadOptions.lenient());
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(name).append(" as bmff reads it (GoldenDumpTest; fixtures/README.md says how to regenerate)")
                .append('\n');
        sb.append("file_size=").append(read.fileSize()).append('\n');
        sb.append(BoxTreeDump.text(read, GoldenDumpTest::codec));
        SampleIndex index = SampleIndex.of(read, ReadOptions.Mode.LENIENT);
        for (ReadProblem p : index.problems()) {
            sb.append("index problem: ").append(p).append('\n');
        }
        for (TrackSamples t : index.tracks()) {
            sb.append("track ").append(t.trackId()).append(' ').append(t.handlerType())
                    .append(": timescale=").append(t.timescale())
                    .append(" samples=").append(t.sampleCount())
                    .append(" sync=").append(t.syncCount())
                    .append(" duration=").append(t.totalDuration())
                    .append('\n');
            int i = 0;
            while (i < t.sampleCount()) {
                int last = runEnd(t, i);
                sb.append(last == i ? "  sample " + i : "  samples " + i + "-" + last)
                        .append(" offset=").append(t.offset(i))
                        .append(" size=").append(t.size(i))
                        .append(" dts=").append(t.dts(i))
                        .append(" cts=").append(t.cts(i))
                        .append(" duration=").append(t.duration(i))
                        .append(t.isSync(i) ? " sync" : "")
                        .append(" entry=").append(t.sampleDescriptionIndex(i));
                if (last > i) {
                    sb.append(" (each next one right after the last, in the file and in time)");
                }
                sb.append('\n');
                i = last + 1;
            }
        }
        return sb.toString();
    }

    /**
     * The last sample of the run from {@code first}: samples alike in size, duration, composition offset, sync
     * and description, each starting where the one before ends, in the file and in time. PCM tracks (a sample
     * per audio frame) come out as one line per chunk instead of 96,000 lines; other tracks have few runs.
     */
    static int runEnd(TrackSamples t, int first) {
        int k = first;
        while (k + 1 < t.sampleCount() && t.size(k + 1) == t.size(first) && t.duration(k + 1) == t.duration(first)
                && t.cts(k + 1) - t.dts(k + 1) == t.cts(first) - t.dts(first) && t.isSync(k + 1) == t.isSync(first)
                && t.sampleDescriptionIndex(k + 1) == t.sampleDescriptionIndex(first)
                && t.offset(k + 1) == t.offset(k) + t.size(k) && t.dts(k + 1) == t.dts(k) + t.duration(k)) {
            k++;
        }
        return k;
    }

    /** Under each sample entry: its decoded parameters, or why they are not. */
    static List<String> codec(Box box) {
        if (!(box instanceof SampleEntry entry)) {
            return List.of();
        }
        try {
            CodecParameters p = CodecParameters.of(entry);
            return List.of("codec: " + p.describe() + " " + Json.encode(p.fields()));
        } catch (BitstreamException e) {
            return List.of("codec: not decoded, " + e.kind() + ": " + e.getMessage());
        }
    }

    private static String firstDifference(String name, String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int line = 0;
        while (line < e.length && line < a.length && e[line].equals(a[line])) {
            line++;
        }
        return name + " reads differently from " + dumpOf(name) + " at line " + (line + 1) + ":\n  dump: "
                + (line < e.length ? e[line] : "(end)") + "\n  read: " + (line < a.length ? a[line] : "(end)")
                + "\nIf the change is meant, regenerate the dumps (" + REGENERATE + ") and review the diff.";
    }
}

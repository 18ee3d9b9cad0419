package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.JsonParser;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bmff} end to end through {@link Main#run}, on the fixtures. */
class CliTest {

    @TempDir
    Path tmp;

    /** What one run printed. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(Arrays.asList(args), o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path fixture(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("fixtures").resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("fixture " + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** One line on stderr, nothing that looks like a stack trace. */
    static void assertOneErrorLine(Run r) {
        assertEquals(1, r.errLines().size(), () -> "stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), () -> "stack trace on stderr: " + r.err());
        assertTrue(r.errLines().get(0).startsWith("bmff"), r.err());
    }

    // ---------------------------------------------------------------- inspect

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "h264-aac-faststart.mp4", "h264-twos.mov", "hevc-aac.mp4"})
    void inspect_fixture_listsMoovTrakStblWithTheirOffsets(String name) throws IOException {
        Path file = fixture(name);
        Run r = run("inspect", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        // Every moov, trak and stbl the reader finds is listed with its offset and size, indented by depth.
        List<BoxNode> expected = new ArrayList<>();
        collect(BoxReader.read(file, ReadOptions.strict()).nodes(), expected);
        List<String> types = List.of("moov", "trak", "stbl");
        int found = 0;
        for (BoxNode n : expected) {
            String type = n.header().type().toString();
            if (types.contains(type)) {
                String line = "  ".repeat(n.path().split("/").length - 1) + type + " @" + n.header().offset()
                        + " size " + n.header().size();
                assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith(line)), () -> "no line '" + line
                        + "' in:\n" + r.out());
                found++;
            }
        }
        assertTrue(found >= 5, "moov, 2 traks, 2 stbls: " + found);
        assertTrue(r.out().contains("mdat @"), r.out());
    }

    private static void collect(List<BoxNode> nodes, List<BoxNode> out) {
        for (BoxNode n : nodes) {
            out.add(n);
            collect(n.children(), out);
        }
    }

    @Test
    void inspectJson_fixture_isValidJsonWithTheTree() throws IOException {
        Path file = fixture("h264-aac-frag.mp4");
        Run r = run("inspect", "--json", file.toString());
        assertEquals(0, r.code(), r.err());
        Object parsed = JsonParser.parse(r.out().strip());
        Map<?, ?> root = assertInstanceOf(Map.class, parsed);
        assertEquals(List.of("file_size", "boxes", "problems"), new ArrayList<>(root.keySet()));
        assertEquals(Files.size(file), ((Number) root.get("file_size")).longValue());
        assertEquals(List.of(), root.get("problems"));
        List<?> boxes = assertInstanceOf(List.class, root.get("boxes"));
        ReadResult read = BoxReader.read(file, ReadOptions.strict());
        assertEquals(read.nodes().size(), boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            Map<?, ?> box = assertInstanceOf(Map.class, boxes.get(i));
            assertTrue(box.keySet().containsAll(List.of("type", "path", "offset", "size", "fields")), box.keySet()
                    .toString());
            assertEquals(read.nodes().get(i).header().type().toString(), box.get("type"));
            assertEquals(read.nodes().get(i).header().offset(), ((Number) box.get("offset")).longValue());
        }
        Map<?, ?> moov = (Map<?, ?>) boxes.stream().filter(b -> "moov".equals(((Map<?, ?>) b).get("type")))
                .findFirst().orElseThrow();
        List<?> kids = assertInstanceOf(List.class, moov.get("children"));
        assertTrue(kids.stream().anyMatch(k -> "trak".equals(((Map<?, ?>) k).get("type"))), kids.toString());
    }

    @Test
    void inspectStrict_truncatedFixture_exitsOneWithOneLine() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("h264-aac-faststart.mp4"));
        Path cut = tmp.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Run r = run("inspect", "--strict", cut.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("offset"), r.err());
        // Without --strict the same file is listed, with its problem.
        Run lenient = run("inspect", cut.toString());
        assertEquals(0, lenient.code(), lenient.err());
        assertTrue(lenient.out().contains("problem: "), lenient.out());
    }

    // ---------------------------------------------------------------- samples

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.mp4", "h264-aac-frag.mp4", "h264-aac-frag-dbm.mp4", "h264-sowt.mov",
        "h264-editlist.mp4"})
    void samples_fixture_printsHeaderAndOneLinePerSample(String name) throws IOException {
        Path file = fixture(name);
        Run r = run("samples", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.outLines();
        assertEquals("track,index,offset,size,dts,cts,duration,sync", lines.get(0));
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        List<String> expected = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            for (int i = 0; i < t.sampleCount(); i++) {
                expected.add(t.trackId() + "," + i + "," + t.offset(i) + "," + t.size(i) + "," + t.dts(i) + ","
                        + t.cts(i) + "," + t.duration(i) + "," + (t.isSync(i) ? 1 : 0));
            }
        }
        assertTrue(expected.size() > 50, "samples: " + expected.size());
        assertEquals(expected, lines.subList(1, lines.size()));
        Pattern row = Pattern.compile("\\d+,\\d+,\\d+,\\d+,-?\\d+,-?\\d+,\\d+,[01]");
        assertTrue(lines.stream().skip(1).allMatch(l -> row.matcher(l).matches()));
    }

    @Test
    void samples_randomBytes_exitsOneWithOneLineAndNoStackTrace() throws IOException {
        Path junk = tmp.resolve("junk.mp4");
        byte[] b = new byte[4096];
        new Random(42).nextBytes(b);
        Files.write(junk, b);
        Run r = run("samples", junk.toString());
        assertEquals(1, r.code());
        assertOneErrorLine(r);
        Run strict = run("inspect", "--strict", junk.toString());
        assertEquals(1, strict.code());
        assertOneErrorLine(strict);
    }

    @Test
    void samplesDebug_randomBytes_addsTheStackTrace() throws IOException {
        Path junk = tmp.resolve("junk.mp4");
        byte[] b = new byte[4096];
        new Random(7).nextBytes(b);
        Files.write(junk, b);
        Run r = run("samples", "--debug", junk.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
        assertTrue(r.errLines().get(0).startsWith("bmff samples: "), r.err());
    }

    // ---------------------------------------------------------------- usage

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "samples"})
    void help_eachCommand_exitsZeroWithUsage(String command) {
        for (String flag : List.of("--help", "-h")) {
            Run r = run(command, flag);
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.err());
            assertTrue(r.out().startsWith("Usage: bmff " + command), r.out());
        }
    }

    @Test
    void help_overview_exitsZeroAndListsCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("inspect") && r.out().contains("samples"), r.out());
    }

    @Test
    void noArguments_printsOverview_exitsUsage() {
        Run r = run();
        assertEquals(64, r.code());
        assertTrue(r.out().contains("Usage"), r.out());
    }

    @Test
    void unknownCommand_exits64WithOneLine() {
        Run r = run("frobnicate", "x.mp4");
        assertEquals(64, r.code());
        assertEquals("", r.out());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "samples"})
    void unknownOption_exits64WithOneLine(String command) {
        Run r = run(command, "--frobnicate", fixture("h264-aac.mp4").toString());
        assertEquals(64, r.code());
        assertEquals("", r.out());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("--frobnicate"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "samples"})
    void wrongArgumentCount_exits64WithOneLine(String command) {
        Run none = run(command);
        assertEquals(64, none.code());
        assertOneErrorLine(none);
        Run two = run(command, "a.mp4", "b.mp4");
        assertEquals(64, two.code());
        assertOneErrorLine(two);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "samples"})
    void missingFile_exitsOneWithOneLine(String command) {
        Path missing = tmp.resolve("no-such.mp4");
        Run r = run(command, missing.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("no such file") && r.err().contains("no-such.mp4"), r.err());
    }

    @Test
    void inspect_directory_exitsOneWithOneLine() {
        Run r = run("inspect", tmp.toString());
        assertEquals(1, r.code());
        assertOneErrorLine(r);
    }

}

package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every command on damaged fixtures: exit 0 (read, problems listed) or 1 (one line on stderr, no stack
 * trace), never 70 (internal error) or anything else.
 */
class CliFuzzProperties {

    private static final List<String> FIXTURES = List.of("h264-aac.mp4", "h264-aac-faststart.mp4",
            "h264-aac-frag.mp4", "h264-aac-frag-dbm.mp4", "h264-twos.mov", "h264-editlist.mp4");
    private static final List<List<String>> COMMANDS = List.of(List.of("inspect"), List.of("inspect", "--json"),
            List.of("inspect", "--strict"), List.of("samples"), List.of("samples", "--lenient"));

    private static Path dir;

    /** A fixture with some bytes overwritten and the rest possibly cut off. */
    record Damaged(String fixture, List<Integer> positions, int value, int keepPercent) {
        byte[] bytes() {
            byte[] b = readFixture(fixture);
            for (int p : positions) {
                b[p % b.length] = (byte) value;
                b[(p + 1) % b.length] = (byte) (value >>> 8);
            }
            return Arrays.copyOf(b, (int) ((long) b.length * keepPercent / 100));
        }
    }

    @Provide
    Arbitrary<Damaged> damaged() {
        return Combinators.combine(Arbitraries.of(FIXTURES),
                Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.of(0, 0xFFFF, 0x0100, 0x0001, 0x7F7F),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(100)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 99))))
                .as(Damaged::new);
    }

    @Property(tries = 150)
    void anyCommand_damagedFixture_exitsZeroOrOneWithoutStackTrace(@ForAll("damaged") Damaged input,
            @ForAll("commands") List<String> command) throws IOException {
        Path file = dir().resolve("damaged.mp4");
        Files.write(file, input.bytes());
        String[] args = new String[command.size() + 1];
        for (int i = 0; i < command.size(); i++) {
            args[i] = command.get(i);
        }
        args[command.size()] = file.toString();
        CliTest.Run r = CliTest.run(args);
        assertTrue(r.code() == 0 || r.code() == 1, () -> "exit " + r.code() + ": " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        if (r.code() == 1) {
            assertEquals(1, r.errLines().size(), r.err());
            assertEquals("", r.out());
        }
    }

    @Provide
    Arbitrary<List<String>> commands() {
        return Arbitraries.of(COMMANDS);
    }

    private static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("bmff-cli-fuzz");
        }
        return dir;
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("damaged.mp4"));
            Files.deleteIfExists(dir);
        }
    }

    private static byte[] readFixture(String name) {
        try {
            return Files.readAllBytes(CliTest.fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

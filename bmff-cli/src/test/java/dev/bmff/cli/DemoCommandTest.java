package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.recover.Verifier;
import dev.bmff.recover.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmff demo}: the whole story runs, leaves its files, and its results are sound. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demo_runsEveryStep_andItsResultsVerifyAndDecode() throws Exception {
        Path demo = dir.resolve("demo");
        long start = System.nanoTime();
        CliTest.Run r = CliTest.run("demo", demo.toString());
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        assertEquals(0, r.code(), () -> r.out() + r.err());
        assertTrue(r.out().contains("Every step succeeded."), r.out());
        assertTrue(r.out().contains("SIGKILL"), r.out());
        // Not a speed target (those are in the benchmarks): the demo must end, even on a loaded CI host.
        assertTrue(seconds < 180, "the demo took " + seconds + " s");
        for (String f : DemoCommand.FILES) {
            assertTrue(Files.size(demo.resolve(f)) > 1000, f);
        }
        for (String f : List.of(DemoCommand.REPAIRED, DemoCommand.FINALIZED)) {
            VerifyReport v = Verifier.verify(demo.resolve(f));
            assertTrue(v.isSound(), () -> f + ": " + v);
            assertEquals(2, v.tracks().size(), v::toString);
            assertEquals(0, CliTest.run("verify", demo.resolve(f).toString()).code(), f);
        }
        // The repaired file has every frame of the sample; the finalized one those of the complete fragments.
        VerifyReport repaired = Verifier.verify(demo.resolve(DemoCommand.REPAIRED));
        assertEquals(50, repaired.tracks().get(0).samples(), repaired::toString);
        assertEquals(95, repaired.tracks().get(1).samples(), repaired::toString);
        assertTrue(Verifier.verify(demo.resolve(DemoCommand.FINALIZED)).tracks().get(0).samples() >= 25);

        for (String f : List.of(DemoCommand.REPAIRED, DemoCommand.FINALIZED, DemoCommand.CRASHED)) {
            assertEquals("", ExternalTools.decodeErrors(demo.resolve(f)), f);
        }
    }

    @Test
    void demo_neverOverwrites() throws Exception {
        Path demo = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(demo.resolve(DemoCommand.CRASHED), "mine");
        CliTest.Run r = CliTest.run("demo", demo.toString());
        assertEquals(1, r.code(), r.out());
        CliTest.assertOneErrorLine(r);
        assertTrue(r.err().contains("already exists"), r.err());
        assertEquals("mine", Files.readString(demo.resolve(DemoCommand.CRASHED)));
    }

    @Test
    void demo_isListedAndHidesItsChildCommand() {
        CliTest.Run help = CliTest.run("--help");
        assertTrue(help.out().contains("  demo "), help.out());
        assertTrue(help.out().contains("  verify "), help.out());
        assertTrue(!help.out().contains(DemoCommand.RECORD), help.out());
        assertEquals(0, CliTest.run("demo", "--help").code());
        assertEquals(Main.EXIT_USAGE, CliTest.run("demo", "a", "b").code());
    }
}

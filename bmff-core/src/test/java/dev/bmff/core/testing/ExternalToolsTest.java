package dev.bmff.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The test support itself: missing tools skip or fail, failing processes fail with their stderr. */
class ExternalToolsTest {
    private static final String MISSING = "bmff-no-such-tool-7f3a";

    @Test
    void require_missingTool_abortsOrFailsUnderCi() {
        assertTrue(ExternalTools.find(MISSING).isEmpty());
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Throwable t = assertThrows(Throwable.class, () -> ExternalTools.require(MISSING));
        assertEquals(ci ? AssertionFailedError.class : TestAbortedException.class, t.getClass(), t.toString());
        assertTrue(t.getMessage().contains("'" + MISSING + "' is not on the PATH"), t.getMessage());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void run_successfulProcess_returnsStdout() {
        assertEquals("hello\n", ExternalTools.run("/bin/sh", "-c", "echo hello; echo noise >&2"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void run_nonZeroExit_failsWithStderr() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ExternalTools.run("/bin/sh", "-c", "echo broken pipe dream >&2; exit 3"));
        assertTrue(e.getMessage().contains("status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("broken pipe dream"), e.getMessage());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void run_overTimeout_killsAndFails() {
        long start = System.nanoTime();
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ExternalTools.run(Duration.ofMillis(300), List.of("/bin/sh", "-c", "exec sleep 30")));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "waited for the process");
    }
}

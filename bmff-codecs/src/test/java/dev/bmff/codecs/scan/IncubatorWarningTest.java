package dev.bmff.codecs.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library on a plain class path, in a fresh JVM: without {@code --add-modules jdk.incubator.vector}
 * it scans with the scalar kernels and the JVM prints nothing about incubator modules; with it, the
 * vector kernels run (and the JVM's own warning appears, which shows the check can see it).
 */
class IncubatorWarningTest {
    private record Run(String out, String err) {
    }

    private static Run run(boolean addModule) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (addModule) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ScanMain.class.getName()));
        Path dir = Files.createDirectories(Path.of("target", "scan-child"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), "child exit code; stderr: " + Files.readString(err));
        Run r = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void withoutTheModule_scalarKernels_andNoIncubatorWarning() throws Exception {
        Run r = run(false);
        assertFalse(r.err().toLowerCase().contains("incubator"), "stderr: " + r.err());
        assertEquals("", r.err().strip(), "nothing on stderr");
        assertEquals("scalar 3 2", r.out().strip());
    }

    @Test
    void withTheModule_vectorKernels_findTheSameMatches() throws Exception {
        Run r = run(true);
        assertEquals("vector 3 2", r.out().strip());
        assertTrue(r.err().contains("incubator"), "the JVM's warning is seen when the module is added: " + r.err());
    }
}

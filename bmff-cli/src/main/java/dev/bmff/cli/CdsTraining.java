package dev.bmff.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hidden {@code cds-training} command: the build runs it once under {@code -XX:ArchiveClassesAtExit} so
 * that the class-data-sharing archive beside {@code bmff.jar} holds the classes a user's commands load
 * (the {@code bmff} launcher maps it at start instead of loading and verifying them from the jar).
 *
 * <p>It runs the demo on the bundled sample into a temporary directory, then the short commands
 * ({@code inspect}, {@code samples}, {@code tracks}, {@code verify}, each plain and {@code --json}) and the
 * remuxes on its files, all in this one JVM, output discarded; the directory is removed after. It never
 * fails the build: a command that fails only means fewer classes in the archive, so the exit code is that
 * of the demo alone (the build reports it in its log).
 */
final class CdsTraining {
    static final String NAME = "cds-training";

    private CdsTraining() {
    }

    static int run(PrintStream err) throws IOException {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Path dir = Files.createTempDirectory("bmff-cds-");
        try {
            Path demo = dir.resolve("demo");
            int code = Main.run(List.of("demo", demo.toString()), none, err);
            List<String> files = new ArrayList<>();
            for (String f : DemoCommand.FILES) {
                files.add(demo.resolve(f).toString());
            }
            for (String f : files) {
                for (String command : List.of("inspect", "samples", "tracks", "verify")) {
                    Main.run(List.of(command, f), none, none);
                    Main.run(List.of(command, "--json", f), none, none);
                }
            }
            String sample = demo.resolve(DemoCommand.SAMPLE).toString();
            Path frag = dir.resolve("frag.mp4");
            Main.run(List.of("frag", sample, frag.toString()), none, none);
            Main.run(List.of("defrag", frag.toString(), dir.resolve("defrag.mp4").toString()), none, none);
            Main.run(List.of("--help"), none, none);
            return code;
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}

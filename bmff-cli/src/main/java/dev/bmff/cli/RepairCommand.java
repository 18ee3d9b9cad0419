package dev.bmff.cli;

import dev.bmff.recover.ProgressListener;
import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code bmff repair REFERENCE BROKEN OUT}: rebuilds a lost moov with {@link Recovery}. */
final class RepairCommand implements Command {
    /** Exit code when the output was written but some media bytes were skipped. */
    static final int EXIT_PARTIAL = 2;

    @Override
    public String name() {
        return "repair";
    }

    @Override
    public String summary() {
        return "repair a recording whose moov was never written, using a good reference";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff repair [--json] REFERENCE BROKEN OUT

                Rebuilds the index of BROKEN (a recording from a crashed camera or a killed
                recorder: mdat without moov, or raw media data) from what REFERENCE, a
                complete recording made with the same settings, teaches about its tracks.
                Writes OUT atomically (nothing is written on failure); inputs are only read.

                  --json  print the report as one JSON object

                Exit codes: 0 everything recovered, 2 recovered with skipped ranges
                (see the report), 1 failure (no output written).
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json"));
        if (args.positional.size() != 3) {
            throw new UsageException("expected REFERENCE BROKEN OUT, got " + args.positional.size() + " arguments");
        }
        Path reference = Main.existingFile(args.positional.get(0));
        Path broken = Main.existingFile(args.positional.get(1));
        Path output = Path.of(args.positional.get(2));
        // A progress line only for a person watching: never into a pipe or a log.
        ProgressListener progress = System.console() == null ? ProgressListener.NONE
                : (done, total) -> err.printf("\rbmff repair: %3d%%", total == 0 ? 100 : 100 * done / total);
        RepairReport report = Recovery.repair(reference, broken, output,
                RepairOptions.defaults().withProgress(progress));
        if (System.console() != null) {
            err.println();
        }
        out.print(args.has("--json") ? report.toJson() + "\n" : report.toString());
        return report.isComplete() ? 0 : EXIT_PARTIAL;
    }
}

package dev.bmff.cli;

import dev.bmff.recover.ProgressListener;
import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bmff repair [REFERENCE] BROKEN OUT}: rebuilds a lost moov with {@link Recovery} (with a reference), or
 * repairs a cut standard, fragmented or hybrid file that still has its index (without one).
 */
final class RepairCommand implements Command {
    /** Exit code when the output was written but some media bytes were skipped. */
    static final int EXIT_PARTIAL = 2;

    @Override
    public String name() {
        return "repair";
    }

    @Override
    public String summary() {
        return "repair a broken recording: a lost moov (with a good reference), a cut or torn file (without)";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff repair [--json] [--fragmented] [--in-place] [--[no-]progress] [REFERENCE] BROKEN OUT

                With REFERENCE: rebuilds the index of BROKEN (a recording from a crashed
                camera or a killed recorder: mdat without moov, or raw media data) from what
                REFERENCE, a complete recording made with the same settings, teaches about
                its tracks. The reference is only used when BROKEN has no usable index.
                Without REFERENCE: repairs a file that still has its index: a standard file
                whose media data was cut (keeps the samples fully present), a fragmented or
                hybrid file cut anywhere (keeps every complete fragment, and of a torn last
                one the samples fully present), or a hybrid file whose finalize was
                interrupted.
                Writes OUT atomically (nothing is written on failure); inputs are only read.

                  --json        print the report as one JSON object
                  --fragmented  a fragmented input stays fragmented: OUT is BROKEN cut after
                                its last complete fragment, then a fragment of the torn
                                one's samples fully present (default: a standard MP4)
                  --in-place    a hybrid file whose finalize only lacked its header writes is
                                finished in BROKEN itself (OUT is not written); the report
                                lists the bytes overwritten
                  --progress    show the progress bar on stderr even when it is not a terminal
                  --no-progress never show it (default: shown when stderr is a terminal)

                Exit codes: 0 everything recovered, 2 recovered with skipped ranges
                (see the report), 1 failure (no output written).
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json", "--fragmented", "--in-place", ProgressBar.ON, ProgressBar.OFF));
        int n = args.positional.size();
        if (n != 2 && n != 3) {
            throw new UsageException("expected [REFERENCE] BROKEN OUT, got " + n + " arguments");
        }
        Path reference = n == 3 ? Main.existingFile(args.positional.get(0)) : null;
        Path broken = Main.existingFile(args.positional.get(n - 2));
        Path output = Path.of(args.positional.get(n - 1));
        ProgressBar bar = ProgressBar.of(args, err, name());
        ProgressListener progress = bar.enabled() ? bar::update : ProgressListener.NONE;
        RepairOptions options = RepairOptions.defaults().withProgress(progress).withInPlace(args.has("--in-place"))
                .withLayout(args.has("--fragmented") ? RepairOptions.Layout.FRAGMENTED : RepairOptions.Layout.STANDARD);
        RepairReport report = reference == null ? Recovery.repair(broken, output, options)
                : Recovery.repair(reference, broken, output, options);
        bar.finish();
        out.print(args.has("--json") ? report.toJson() + "\n" : report.toString());
        return report.isComplete() ? 0 : EXIT_PARTIAL;
    }
}

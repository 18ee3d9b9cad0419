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
                Usage: bmff repair [--json] [--fragmented] [--[no-]progress] [REFERENCE] BROKEN OUT
                       bmff repair --in-place [--json] [--[no-]progress] [REFERENCE] BROKEN [OUT]

                With REFERENCE: rebuilds the index of BROKEN (a recording from a crashed
                camera or a killed recorder: mdat without moov, or raw media data) from what
                REFERENCE, a complete recording made with the same settings, teaches about
                its tracks. The reference is only used when BROKEN has no usable index.
                Without REFERENCE: repairs a file that still has its index: a standard file
                whose media data was cut (keeps the samples fully present), a fragmented or
                hybrid file cut anywhere (keeps every complete fragment, and of a torn last
                one the samples fully present), or a hybrid file whose finalize was
                interrupted.
                Writes OUT atomically (nothing is written on failure); inputs are only read
                (but for BROKEN with --in-place).

                  --json        print the report as one JSON object
                  --fragmented  a fragmented input stays fragmented: OUT is BROKEN cut after
                                its last complete fragment, then a fragment of the torn
                                one's samples fully present (default: a standard MP4)
                  --in-place    repair BROKEN itself instead of writing OUT: a lost moov
                                (with REFERENCE) is appended after the media data and the
                                mdat header is written in front of it; a hybrid file whose
                                finalize only lacked its header writes is finished (without
                                REFERENCE). Only headers are written: the report lists the
                                bytes overwritten, and bmff undo BROKEN takes them back.
                                When that is not possible (no mdat header, or a 64-bit size
                                with no room for it) a new file is written instead: OUT, or
                                BROKEN's name with ".repaired.mp4" when OUT is not given
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
        boolean inPlace = args.has("--in-place");
        Path reference;
        Path broken;
        Path output;
        if (inPlace && n >= 1 && n <= 2) {
            // In place, OUT is only the fallback: REFERENCE BROKEN, or BROKEN alone (a hybrid file).
            reference = n == 2 ? Main.existingFile(args.positional.get(0)) : null;
            broken = Main.existingFile(args.positional.get(n - 1));
            output = fallbackOutput(broken);
        } else if (n == 2 || n == 3) {
            reference = n == 3 ? Main.existingFile(args.positional.get(0)) : null;
            broken = Main.existingFile(args.positional.get(n - 2));
            output = Path.of(args.positional.get(n - 1));
        } else {
            throw new UsageException("expected " + (inPlace ? "[REFERENCE] BROKEN [OUT]" : "[REFERENCE] BROKEN OUT")
                    + ", got " + n + " arguments");
        }
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

    /** Where an in-place repair writes a new file when it cannot repair in place and no OUT was named. */
    private static Path fallbackOutput(Path broken) throws UsageException {
        String name = broken.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path out = broken.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".repaired.mp4");
        if (java.nio.file.Files.exists(out)) {
            throw new UsageException(out + " exists: name an OUT for the case the repair cannot be done in place");
        }
        return out;
    }
}

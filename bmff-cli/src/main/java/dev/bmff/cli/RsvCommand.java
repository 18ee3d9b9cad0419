package dev.bmff.cli;

import dev.bmff.recover.ProgressListener;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import dev.bmff.rsv.RsvRecovery;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bmff rsv REFERENCE FILE.RSV OUT}: repairs a Sony RSV file with {@link RsvRecovery} (what {@code bmff repair}
 * also does when it recognizes one; this command says so explicitly and refuses anything else).
 */
final class RsvCommand implements Command {
    @Override
    public String name() {
        return "rsv";
    }

    @Override
    public String summary() {
        return "repair a Sony .RSV file (interrupted FX3/FX30/A7S III recording) with a reference";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff rsv [--json] [--[no-]progress] REFERENCE FILE.RSV OUT

                Repairs FILE.RSV, what a Sony camera (FX3, FX30, A7S III...) leaves when a
                recording is interrupted: GOP blocks of rtmd metadata packets, H.264/HEVC
                frames and PCM audio, with no index. REFERENCE is a complete recording of
                the same camera and settings (codec, frame rate, audio format). OUT gets the
                video, every audio track and the rtmd metadata track (when REFERENCE has
                one). A file cut anywhere keeps every whole frame and the audio present for
                them. bmff repair does the same when it sees an RSV file.
                Writes OUT atomically (nothing is written on failure); inputs are only read.

                  --json         print the report as one JSON object
                  --progress     show the progress bar on stderr even when it is not a terminal
                  --no-progress  never show it (default: shown when stderr is a terminal)

                Exit codes: 0 everything recovered, 2 recovered with skipped ranges
                (see the report), 1 failure (no output written).
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json", ProgressBar.ON, ProgressBar.OFF));
        if (args.positional.size() != 3) {
            throw new UsageException("expected REFERENCE FILE.RSV OUT, got " + args.positional.size() + " arguments");
        }
        Path reference = Main.existingFile(args.positional.get(0));
        Path rsv = Main.existingFile(args.positional.get(1));
        Path output = Path.of(args.positional.get(2));
        ProgressBar bar = ProgressBar.of(args, err, name());
        ProgressListener progress = bar.enabled() ? bar::update : ProgressListener.NONE;
        RepairReport report = RsvRecovery.repair(reference, rsv, output, RepairOptions.defaults()
                .withProgress(progress));
        bar.finish();
        out.print(args.has("--json") ? report.toJson() + "\n" : report.toString());
        return report.isComplete() ? 0 : RepairCommand.EXIT_PARTIAL;
    }
}

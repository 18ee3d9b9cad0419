package dev.bmff.cli;

import dev.bmff.recover.ProgressListener;
import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bmff finalize FILE OUT}: what a recorder's close would have done. A hybrid or fragmented
 * recording that was interrupted (killed, power cut, finalize cut short) becomes a standard MP4 with one
 * moov; the same library call as {@code bmff repair BROKEN OUT}, named for the recording use.
 */
final class FinalizeCommand implements Command {
    @Override
    public String name() {
        return "finalize";
    }

    @Override
    public String summary() {
        return "turn an interrupted hybrid or fragmented recording into a standard MP4";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff finalize [--json] [--in-place | --faststart] [--[no-]progress] FILE [OUT]

                FILE is a recording by a fragmented or hybrid writer (ours or ffmpeg's
                frag_keyframe+empty_moov) that did not close: every complete fragment is kept,
                of a torn last fragment the samples fully present, and OUT is written as a
                standard MP4 with one moov (atomically; FILE is only read). OUT defaults to
                FILE with ".final.mp4".
                A hybrid file whose own finalize was interrupted after its moov was written is
                finished in FILE itself with --in-place (only headers are written).

                  --json         print the report as one JSON object
                  --in-place     finish an interrupted hybrid finalize in FILE itself
                  --faststart    put OUT's moov before its media data, so a browser or a
                                 player reading over the network starts before the end has
                                 arrived; costs nothing more than the copy finalize makes
                                 anyway. Not with --in-place: it would move every media byte
                                 of FILE (a full rewrite), which is no longer in place.
                  --progress     show the progress bar on stderr even when it is not a terminal
                  --no-progress  never show it (default: shown when stderr is a terminal)

                Exit codes: 0 finalized, 2 finalized with dropped ranges (see the report),
                1 failure (no output written).
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json", "--in-place", "--faststart", ProgressBar.ON, ProgressBar.OFF));
        if (args.has("--in-place") && args.has("--faststart")) {
            throw new UsageException("--faststart cannot be done --in-place: the moov before the media data moves every"
                    + " media byte of the file (a full rewrite); finalize into OUT instead, which copies the media once"
                    + " anyway");
        }
        int n = args.positional.size();
        if (n != 1 && n != 2) {
            throw new UsageException("expected FILE [OUT], got " + n + " arguments");
        }
        Path file = Main.existingFile(args.positional.get(0));
        Path target = n == 2 ? Path.of(args.positional.get(1)) : defaultOutput(file);
        if (!args.has("--in-place") && Files.exists(target)) {
            throw new UsageException(target + " exists; name another output");
        }
        ProgressBar bar = ProgressBar.of(args, err, name());
        RepairOptions options = RepairOptions.defaults().withInPlace(args.has("--in-place"))
                .withFaststart(args.has("--faststart"))
                .withProgress(bar.enabled() ? bar::update : ProgressListener.NONE);
        RepairReport report = Recovery.repair(file, target, options);
        bar.finish();
        out.print(args.has("--json") ? report.toJson() + "\n" : report.toString());
        return report.isComplete() ? 0 : RepairCommand.EXIT_PARTIAL;
    }

    private static Path defaultOutput(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + ".final.mp4");
    }
}

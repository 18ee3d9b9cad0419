package dev.bmff.cli;

import dev.bmff.recover.Verifier;
import dev.bmff.recover.VerifyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code bmff verify FILE}: prints what {@link Verifier} found; exit 0 only for a sound file. */
final class VerifyCommand implements Command {
    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "check a file's structure: boxes, sample tables, media data, sync samples, codec setup";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff verify [--json] [--init INIT] FILE

                A structural check of FILE: every box's size and nesting (a strict read),
                the sample tables consistent with each other, every sample inside an mdat,
                every sample duration positive, each video track has sync samples and starts
                with one, and each sample entry's codec configuration (avcC, hvcC, esds, PCM)
                parses. Each problem is listed with the byte offset (and box path) it concerns.
                It does not decode the media itself.

                What cameras and phones write and players play is a warning, not a problem:
                samples of duration 0 in a metadata or timecode track (GoPro) or as a track's
                last sample (Android), leading pictures the edit list does not show, bytes
                after the last box that are not a box (a camera's trailer), and a media
                segment given without its init segment (only its boxes are checked then).

                  --json        print the report as one JSON object (with "warnings")
                  --init INIT   FILE is a media segment (CMAF, DASH, HLS .m4s); INIT is the
                                init segment that declares its tracks

                Exit codes: 0 the file is sound (warnings, if any, are listed), 1 problems found
                (or FILE cannot be read).
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json"), Set.of("--init"));
        String name = args.one("FILE");
        VerifyReport report = args.value("--init") == null ? Verifier.verify(Main.existingFile(name))
                : Verifier.verify(Main.existingFile(args.value("--init")), Main.existingFile(name));
        if (args.has("--json")) {
            out.println(report.toJson());
        } else {
            out.print(name + ": " + report);
        }
        return report.isSound() ? 0 : Main.EXIT_FAILURE;
    }
}

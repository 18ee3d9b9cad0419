package dev.bmff.cli;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.dump.BoxTreeDump;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code bmff inspect FILE}: the box tree with offsets, sizes and key fields. */
final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "show the box tree of an MP4/MOV file with offsets, sizes and key fields";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff inspect [--json] [--strict] FILE

                Prints every box of FILE: its offset, size and key fields, indented by nesting;
                under each sample entry, a "codec:" line with its decoded parameters.
                Problems (a box cut short, a missing moov...) are listed after the tree; the file
                is read leniently unless --strict is given, when the first problem is an error.

                  --json     print the tree as JSON
                  --strict   stop at the first problem (exit 1)

                Exit codes: 0 the file was read (problems, if any, are listed), 1 it could not be
                read or is not ISO BMFF at all (no box at its start: a text file, random bytes),
                64 wrong arguments.
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json", "--strict"));
        Path file = Main.existingFile(args.one("FILE"));
        ReadOptions options = args.has("--strict") ? ReadOptions.strict() : ReadOptions.lenient();
        ReadResult result = BoxReader.read(file, options);
        if (!result.looksLikeIsoBmff()) {
            String why = result.problems().isEmpty() ? "" : ": " + result.problems().get(0).message();
            err.println("bmff inspect: " + file + " is not an ISO BMFF (MP4/MOV) file" + why);
            return Main.EXIT_FAILURE;
        }
        out.print(args.has("--json") ? BoxTreeDump.json(result) + "\n" : BoxTreeDump.text(result, InspectCommand::codecLine));
        return 0;
    }

    /** A line under each sample entry with its decoded parameters; a malformed configuration says so. */
    private static List<String> codecLine(Box box) {
        if (!(box instanceof SampleEntry entry)) {
            return List.of();
        }
        try {
            return List.of("codec: " + CodecParameters.of(entry).describe());
        } catch (BitstreamException e) {
            return List.of("codec: not decoded: " + e.getMessage());
        }
    }
}

package dev.bmff.cli;

import dev.bmff.core.dump.Json;
import dev.bmff.recover.Recovery;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code bmff undo FILE}: takes back an in-place repair, byte for byte, from FILE.bmff-undo. */
final class UndoCommand implements Command {
    @Override
    public String name() {
        return "undo";
    }

    @Override
    public String summary() {
        return "take back an in-place repair (restores the file from FILE.bmff-undo)";
    }

    @Override
    public String usage() {
        return """
                Usage: bmff undo [--json] FILE

                `bmff repair --in-place REFERENCE FILE OUT` appends a new moov to FILE and rewrites
                its mdat header, after saving the bytes it overwrites and the original length in
                FILE.bmff-undo. This command restores FILE exactly (truncates it to its original
                length and puts the saved bytes back), then deletes the undo file. A damaged undo
                file (its checksum does not match) or a FILE shorter than recorded is refused
                without changing anything.

                  --json   print the result as one JSON object: restored, bytes
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("--json"));
        Path file = Main.existingFile(args.one("FILE"));
        Recovery.undo(file);
        if (args.has("--json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("restored", file.toString());
            m.put("bytes", Files.size(file));
            out.println(Json.encode(m));
        } else {
            out.println("restored " + file);
        }
        return 0;
    }
}

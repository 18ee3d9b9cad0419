package dev.bmff.cli;

import dev.bmff.recover.Recovery;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
                Usage: bmff undo FILE

                `bmff repair --in-place REFERENCE FILE OUT` appends a new moov to FILE and rewrites
                its mdat header, after saving the bytes it overwrites and the original length in
                FILE.bmff-undo. This command restores FILE exactly (truncates it to its original
                length and puts the saved bytes back), then deletes the undo file. A damaged undo
                file (its checksum does not match) or a FILE shorter than recorded is refused
                without changing anything.
                """;
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of());
        Path file = Main.existingFile(args.one("FILE"));
        Recovery.undo(file);
        out.println("restored " + file);
        return 0;
    }
}

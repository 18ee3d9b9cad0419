package dev.bmff.cli;

import dev.bmff.core.BmffFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bmff} command: {@code java -jar bmff.jar COMMAND [OPTIONS] ARGS}. Errors are one line on
 * stderr and a non-zero exit code; {@code --debug} adds the stack trace.
 */
public final class Main {
    /** Exit code for a file that could not be read or a failed operation. */
    static final int EXIT_FAILURE = 1;
    /** Exit code for wrong arguments (sysexits EX_USAGE). */
    static final int EXIT_USAGE = 64;

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.of(new DemoCommand(), new InspectCommand(), new SamplesCommand(), new TracksCommand(),
                new VerifyCommand(), new RepairCommand(), new RsvCommand(), new RecordCommand(), new RemuxCommand(true),
                new RemuxCommand(false), new FinalizeCommand(), new UndoCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a command line; returns the exit code. */
    static int run(List<String> argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(argv);
        boolean debug = args.remove("--debug");
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")
                || args.get(0).equals("help")) {
            out.print(overview());
            return args.isEmpty() ? EXIT_USAGE : 0;
        }
        if (args.get(0).equals(DemoCommand.RECORD)) { // the demo's child process, not a user command
            try {
                return DemoCommand.record(args.subList(1, args.size()), out);
            } catch (Exception e) {
                err.println("bmff " + DemoCommand.RECORD + ": " + e);
                debug(debug, e, err);
                return EXIT_FAILURE;
            }
        }
        if (args.get(0).equals(CdsTraining.NAME)) { // the build's training run for the launcher's archive
            try {
                return CdsTraining.run(err);
            } catch (Exception e) {
                err.println("bmff " + CdsTraining.NAME + ": " + e);
                debug(debug, e, err);
                return EXIT_FAILURE;
            }
        }
        Command command = COMMANDS.get(args.get(0));
        if (command == null) {
            err.println("bmff: unknown command '" + args.get(0) + "' (see bmff --help)");
            return EXIT_USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(command.usage());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("bmff " + command.name() + ": " + e.getMessage() + " (see bmff " + command.name()
                    + " --help)");
            return EXIT_USAGE;
        } catch (BmffFormatException e) {
            err.println("bmff " + command.name() + ": " + e.getMessage());
            debug(debug, e, err);
            return EXIT_FAILURE;
        } catch (NoSuchFileException e) {
            err.println("bmff " + command.name() + ": no such file: " + e.getFile());
            debug(debug, e, err);
            return EXIT_FAILURE;
        } catch (IOException e) {
            err.println("bmff " + command.name() + ": " + describe(e));
            debug(debug, e, err);
            return EXIT_FAILURE;
        } catch (Exception | OutOfMemoryError e) {
            err.println("bmff " + command.name() + ": internal error: " + e
                    + " (please report it, with --debug output)");
            debug(debug, e, err);
            return 70;
        }
    }

    /**
     * The message alone for our own exceptions, whose messages are written for users; the JDK's I/O
     * exceptions keep their class name, which says what failed ("AccessDeniedException: out.mp4").
     */
    static String describe(IOException e) {
        boolean ours = e.getClass().getName().startsWith("dev.bmff.");
        String message = e.getMessage();
        if (ours && message != null && !message.isBlank()) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void debug(boolean debug, Throwable e, PrintStream err) {
        if (debug) {
            e.printStackTrace(err);
        }
    }

    static Path existingFile(String name) throws IOException {
        Path p = Path.of(name);
        if (!Files.exists(p)) {
            throw new NoSuchFileException(name);
        }
        if (Files.isDirectory(p)) {
            throw new IOException(name + " is a directory");
        }
        return p;
    }

    private static String overview() {
        StringBuilder sb = new StringBuilder("""
                bmff: read, write and repair MP4/MOV (ISO Base Media) files

                Usage: bmff COMMAND [OPTIONS] ARGS    (bmff COMMAND --help for details)

                Commands:
                """);
        for (Command c : COMMANDS.values()) {
            sb.append(String.format("  %-9s %s%n", c.name(), c.summary()));
        }
        sb.append("\nAdd --debug to any command to see the stack trace of an error; --json (where a script\n"
                + "wants it) prints one JSON document; long work shows progress on a terminal's stderr\n"
                + "(--progress, --no-progress to choose).\n");
        return sb.toString();
    }
}

package dev.bmff.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code bmff} subcommand. */
interface Command {
    /** The word that selects it, e.g. {@code inspect}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Full usage text for {@code --help}. */
    String usage();

    /**
     * Runs with the arguments after the command name.
     *
     * @return the process exit code
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}

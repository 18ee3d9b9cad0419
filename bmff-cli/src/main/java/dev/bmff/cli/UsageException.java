package dev.bmff.cli;

/** Wrong command-line arguments: printed as one line with a hint to use --help, exit code 64. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}

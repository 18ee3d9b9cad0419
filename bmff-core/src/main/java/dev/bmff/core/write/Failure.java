package dev.bmff.core.write;

import java.io.IOException;

/**
 * A writer's first I/O error. After it the writer writes nothing more: the file stays as the last
 * committed fragment left it, and every later call says why.
 */
final class Failure {
    private final String file;
    private IOException first;

    Failure(String file) {
        this.file = file;
    }

    boolean failed() {
        return first != null;
    }

    /** Records {@code cause} (the first one wins) and returns the clear error to throw. */
    IOException record(String doing, IOException cause) {
        IOException e = new IOException(file + ": " + doing + " failed: " + cause.getMessage()
                + "; the file keeps every fragment written before", cause);
        if (first == null) {
            first = e;
        }
        return e;
    }

    /** Throws when the writer is closed or failed earlier. */
    void check(boolean closed) throws IOException {
        if (first != null) {
            throw new IOException(file + ": the writer stopped after an earlier error: " + first.getMessage(), first);
        }
        if (closed) {
            throw new IOException(file + ": the writer is closed");
        }
    }
}

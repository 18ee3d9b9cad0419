package dev.bmff.recover;

import java.io.IOException;

/** A repair that could not produce an output file; no output was left behind. */
public class RepairException extends IOException {
    public RepairException(String message) {
        super(message);
    }

    public RepairException(String message, Throwable cause) {
        super(message, cause);
    }
}

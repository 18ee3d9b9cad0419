package dev.bmff.rsv;

import dev.bmff.recover.RepairException;

/** The file is not an RSV file whose layout this repair knows (no rtmd packets followed by video at its start). */
public class RsvFormatException extends RepairException {
    public RsvFormatException(String message) {
        super(message);
    }
}

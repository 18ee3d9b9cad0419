package dev.bmff.recover;

/**
 * The broken file's media data does not look like the reference's tracks (another codec, other parameter
 * sets, other settings): nothing or too little of it matched.
 */
public class ReferenceMismatchException extends RepairException {
    public ReferenceMismatchException(String message) {
        super(message);
    }
}

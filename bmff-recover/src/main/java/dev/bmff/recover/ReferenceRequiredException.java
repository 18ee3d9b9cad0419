package dev.bmff.recover;

/**
 * The broken file has no index to start from (no moov, or no complete sample: none that its moov or a whole moof
 * describes is all present): only a repair with a reference recording,
 * {@link Recovery#repair(java.nio.file.Path, java.nio.file.Path, java.nio.file.Path)}, can rebuild it. No output
 * was written.
 */
public class ReferenceRequiredException extends RepairException {
    public ReferenceRequiredException(String message) {
        super(message);
    }
}

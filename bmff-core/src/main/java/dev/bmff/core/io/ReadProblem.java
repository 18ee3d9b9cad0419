package dev.bmff.core.io;

/**
 * Something wrong that a lenient read stepped over.
 *
 * @param offset absolute byte offset
 * @param boxPath path of the box, like {@code moov/trak[0]/mdia}; empty at top level
 * @param message what is wrong and what the reader did about it
 */
public record ReadProblem(long offset, String boxPath, String message) {
    @Override
    public String toString() {
        return (boxPath.isEmpty() ? "file" : boxPath) + " at offset " + offset + ": " + message;
    }
}

package dev.bmff.core.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way this library puts a finished file where a user asked for it: written to a hidden temporary file in
 * the target's directory (so the rename stays on one file system), forced to the device, renamed over the target,
 * and the rename itself forced. On any failure the temporary file is deleted and the target is left as it was
 * (absent, or its old content): never a partial output under the name the user gave.
 *
 * <p>The temporary file is created with the default permissions, so the umask decides them exactly as it does for
 * a file any other program creates ({@code Files.createTempFile} would make it owner-only, {@code rw-------}).
 *
 * <pre>{@code
 * AtomicOutput.write(Path.of("out.mp4"), ch -> ch.write(ByteBuffer.wrap(bytes)));
 * }</pre>
 */
public final class AtomicOutput {
    private AtomicOutput() {
    }

    /** Writes the whole content of a file to an open channel. */
    @FunctionalInterface
    public interface Body {
        void write(FileChannel channel) throws IOException;
    }

    /**
     * Writes {@code target} atomically with {@code body}.
     *
     * @throws IOException when the directory does not exist, the body fails, or the rename fails; nothing is left
     */
    public static void write(Path target, Body body) throws IOException {
        Path temp = temporaryBeside(target, ".partial");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                body.write(ch);
                ch.force(true);
            }
            moveIntoPlace(temp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * A new, empty, hidden file beside {@code target} ({@code .NAME.RANDOM SUFFIX}), with the default permissions.
     *
     * @throws IOException when the target's directory does not exist or the file cannot be created
     */
    public static Path temporaryBeside(Path target, String suffix) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + absolute + ": its directory does not exist");
        }
        for (int attempt = 0; ; attempt++) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
            Path p = absolute.resolveSibling("." + absolute.getFileName() + "." + random + suffix);
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 16) {
                    throw e;
                }
            }
        }
    }

    /**
     * Renames the finished {@code temp} over {@code target} (atomically where the file system can) and forces the
     * directory, so the rename survives a power cut where the platform allows it.
     */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            forceDirectory(dir);
        }
    }

    /** Makes a rename durable where the platform allows opening a directory (Linux, macOS). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (Windows); the file itself is already forced.
        }
    }
}

package dev.bmff.recover;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.FileRange;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.io.BoxWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the repaired file atomically: a temporary file in the output's directory receives ftyp, an mdat with the
 * media bytes copied from the broken file (the channel copies them; they never pass through the heap), and the
 * moov; it is flushed to disk and renamed over the output. On any failure the temporary file is deleted, so no
 * output is left behind.
 */
final class OutputFile {
    private OutputFile() {
    }

    /** The size of the mdat header for {@code mediaLength} bytes: a 64-bit largesize only when needed. */
    static int mdatHeaderSize(long mediaLength) {
        return mediaLength + 8 > 0xFFFF_FFFFL ? 16 : 8;
    }

    static void write(Path out, List<Box> before, FileChannel source, long mediaStart, long mediaLength, Box after)
            throws IOException {
        atomically(out, ch -> {
            BoxWriter.write(before, ch, null);
            MediaDataBox mdat = new MediaDataBox(new FileRange(mediaStart, mediaLength),
                    mdatHeaderSize(mediaLength) == 16);
            BoxWriter.write(mdat, ch, source);
            BoxWriter.write(after, ch, null);
        });
    }

    /** The first {@code length} bytes of {@code source}, copied by the channel. */
    static void copyPrefix(Path out, FileChannel source, long length) throws IOException {
        atomically(out, ch -> {
            long done = 0;
            while (done < length) {
                long n = source.transferTo(done, length - done, ch);
                if (n <= 0) {
                    throw new java.io.EOFException("source ended at " + done + " of " + length + " bytes");
                }
                done += n;
            }
        });
    }

    private interface Body {
        void write(FileChannel ch) throws IOException;
    }

    private static void atomically(Path out, Body body) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".partial");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                body.write(ch);
                ch.force(true);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}

package dev.bmff.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The read speed a file-walking benchmark is set beside: the whole file through a 1 MiB heap buffer. */
final class PageCache {
    private PageCache() {
    }

    /** Reads all of {@code file} (into the page cache, the first time); returns a value JMH can consume. */
    static long read(Path file) throws IOException {
        long sum = 0;
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = 0;
            int n;
            while ((n = ch.read(b.clear(), at)) > 0) {
                at += n;
                sum += b.get(0);
            }
        }
        return sum;
    }
}

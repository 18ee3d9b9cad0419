package dev.bmff.core.write;

import dev.bmff.core.box.Bytes;
import java.nio.channels.FileChannel;

/**
 * Where the bytes of a {@link Sample} are: in memory, or a range of a file the writer copies into its output by the
 * operating system ({@code FileChannel.transferTo}), so they never pass through the Java heap. Only the sizes and
 * times decide the layout of the output, so both give the same file. A remux writes samples of the second kind
 * ({@link RemuxSource#inFile}); a writer joins ranges that follow one another in the source into one copy.
 *
 * <pre>{@code
 * try (FileChannel in = FileChannel.open(source);
 *         StandardWriter w = StandardWriter.create(out, specs, StandardWriter.Options.defaults())) {
 *     w.write(new Sample(0, new SampleData.InFile(in, offset, size), dts, 0, Sample.UNKNOWN_DURATION, true));
 * }   // the source stays open until the writer is closed: chunks are copied when they are written
 * }</pre>
 */
public sealed interface SampleData permits SampleData.InMemory, SampleData.InFile {
    /** The number of bytes. */
    int size();

    /**
     * Bytes in memory.
     *
     * @param bytes the sample's bytes
     */
    record InMemory(Bytes bytes) implements SampleData {
        public InMemory {
            if (bytes == null) {
                throw new IllegalArgumentException("sample data is required");
            }
        }

        @Override
        public int size() {
            return bytes.size();
        }
    }

    /**
     * {@code length} bytes of the file open as {@code channel}, from {@code offset}. The channel must stay open, and
     * the range in the file unchanged, until the writer has written the sample (at the latest, until it is closed).
     *
     * @param channel the source, open for reading; its position is not used or changed
     * @param offset where the sample starts in the source
     * @param length the sample's size
     */
    record InFile(FileChannel channel, long offset, int length) implements SampleData {
        public InFile {
            if (channel == null) {
                throw new IllegalArgumentException("a source channel is required");
            }
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("negative file range: offset " + offset + ", length " + length);
            }
            Math.addExact(offset, length);
        }

        @Override
        public int size() {
            return length;
        }

        /** The offset one past the sample's last byte. */
        public long end() {
            return offset + length;
        }
    }
}

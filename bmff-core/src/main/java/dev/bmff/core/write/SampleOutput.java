package dev.bmff.core.write;

import dev.bmff.core.io.ChannelCopy;
import dev.bmff.core.io.EarlyWriteback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts samples' bytes into a writer's output file, whatever {@link SampleData} they are: the one place a writer
 * moves media bytes. Bytes in memory go out through one reused direct buffer ({@link DirectGather}); bytes in a file are copied by the operating
 * system ({@link ChannelCopy}), and samples that follow one another in the same source (a chunk of a standard file,
 * a run of a fragmented one) are joined into one range, so a remux costs a few large copies instead of one per
 * sample. The first copied range starts an {@link EarlyWriteback}, asked to write back every few mebibytes copied, so
 * the force that makes the finished file durable finds little left to write; a writer fed only from memory starts no
 * thread.
 *
 * <pre>{@code
 * SampleOutput media = new SampleOutput(channel, true);
 * channel.position(at);
 * long n = media.write(ByteBuffer.wrap(header), chunkSamples);
 * media.close();   // before the final force
 * }</pre>
 */
final class SampleOutput implements AutoCloseable {
    private final FileChannel out;
    private final boolean earlyWriteback;
    private final List<ByteBuffer> buffers = new ArrayList<>();
    /** Heap bytes go out through one reused direct buffer, not the JDK's temporary one per buffer. */
    private final DirectGather gather = new DirectGather();
    /**
     * Copied bytes between two writeback requests. A request per range (a chunk: often under a mebibyte) made
     * hundreds of fdatasync calls per 200 MB, each a cache flush of the device; a few mebibytes keep the final force
     * as short and the calls few.
     */
    private static final long WRITEBACK_STEP = 8L << 20;
    private EarlyWriteback writeback;
    private long unforced;
    private FileChannel source;
    private long rangeStart;
    private long rangeEnd;

    /**
     * @param earlyWriteback start an {@link EarlyWriteback} at the first copied range: false for a file that is
     *     copied again and deleted (a faststart writer's first pass), whose writeback would be wasted
     */
    SampleOutput(FileChannel out, boolean earlyWriteback) {
        this.out = out;
        this.earlyWriteback = earlyWriteback;
    }

    /**
     * Writes {@code header} (null: none) and then the bytes of {@code samples}, in order, at the output's position,
     * which moves past them.
     *
     * @return the bytes written
     * @throws java.io.EOFException a source file ends inside a sample
     */
    long write(ByteBuffer header, Iterable<Sample> samples) throws IOException {
        long total = 0;
        if (header != null && header.hasRemaining()) {
            total += header.remaining();
            buffers.add(header);
        }
        for (Sample s : samples) {
            total += s.size();
            if (s.content() instanceof SampleData.InFile f) {
                if (f.length() == 0) {
                    continue;
                }
                writeBuffers();
                if (f.channel() != source || f.offset() != rangeEnd) {
                    copyRange();
                    source = f.channel();
                    rangeStart = f.offset();
                    rangeEnd = f.offset();
                }
                rangeEnd = f.end();
            } else {
                copyRange();
                buffers.add(s.data().asReadOnlyBuffer());
            }
        }
        writeBuffers();
        copyRange();
        return total;
    }

    private void writeBuffers() throws IOException {
        if (buffers.isEmpty()) {
            return;
        }
        ByteBuffer[] all = buffers.toArray(new ByteBuffer[0]);
        buffers.clear();
        gather.write(out, all);
    }

    private void copyRange() throws IOException {
        if (source == null) {
            return;
        }
        FileChannel from = source;
        source = null;
        if (rangeEnd > rangeStart) {
            if (writeback == null && earlyWriteback) {
                writeback = EarlyWriteback.start(out);
            }
            ChannelCopy.copy(from, rangeStart, rangeEnd - rangeStart, out, null, ChannelCopy.Progress.NONE);
            unforced += rangeEnd - rangeStart;
            if (writeback != null && unforced >= WRITEBACK_STEP) {
                writeback.request();
                unforced = 0;
            }
        }
    }

    /** Waits for the writeback at hand, if a copy started one; the output stays open. */
    @Override
    public void close() {
        if (writeback != null) {
            writeback.close();
            writeback = null;
        }
    }
}

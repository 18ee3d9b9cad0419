package dev.bmff.codecs.access;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.codecs.scan.SignatureScanner;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Access units from an Annex B stream, with the reading on a thread of its own: that thread reads blocks of
 * up to 1 MiB into a few reused buffers and finds every start code in each with the fast scanner
 * ({@link PatternScanner}: the Vector API kernel when the application enables it, SWAR otherwise); the
 * caller's thread, in {@link #next()}, cuts the NAL units at those offsets and hands them to the
 * {@link AccessUnitAssembler}, which copies each unit's bytes once into the access unit it collects. The
 * queue between the two holds at most four blocks, so memory stays bounded whatever the stream.
 *
 * <p>The access units, their bytes and their order are exactly those of {@link AccessUnitAssembler#push}
 * over the same stream (the tests compare both). A block is handed over as soon as a read returns, so a
 * live stream (a camera through a pipe) is not held back.
 *
 * <pre>{@code
 * AccessUnitAssembler asm = AccessUnitAssembler.h264(ParameterSetPlacement.OUT_OF_BAND);
 * try (AnnexBPipeline pipeline = AnnexBPipeline.start(in, asm)) {
 *     for (AnnexBPipeline.Batch b; (b = pipeline.next()) != null; ) {
 *         b.units().forEach(u -> System.out.println(u.sample().size()));
 *     }
 * }
 * }</pre>
 */
public final class AnnexBPipeline implements Closeable {
    static final int BLOCK_BYTES = 1 << 20;
    private static final int BLOCKS = 4;

    /**
     * The access units completed by one block of the stream.
     *
     * @param units in decode order, often none; the last batch holds those completed by the end of the stream
     * @param readNanos {@link System#nanoTime()} when the block's read returned (when its bytes arrived)
     */
    public record Batch(List<AccessUnit> units, long readNanos) {
    }

    /** One read: its bytes, where it starts in the stream, and the start codes found in it. */
    private static final class Block {
        final byte[] data = new byte[BLOCK_BYTES];
        int length;
        long streamOffset;
        long readNanos;
        /** Offsets of the first byte of each start code; -1 or -2 for one that began in earlier blocks. */
        int[] starts = new int[1024];
        int startCount;
        boolean end;
        IOException error;

        void addStart(int at) {
            if (startCount == starts.length) {
                starts = Arrays.copyOf(starts, 2 * starts.length);
            }
            starts[startCount++] = at;
        }
    }

    private final InputStream in;
    private final AccessUnitAssembler assembler;
    private final SignatureScanner startCodes = PatternScanner.of(BytePattern.ANNEX_B_START_CODE);
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread reader;
    private volatile boolean closed;

    // The caller's side: the NAL unit being cut, when it began in an earlier block, is in the spill.
    private boolean inNal;
    private boolean spilling;
    private long nalOffset;
    private byte[] spill = new byte[1 << 16];
    private int spillLength;
    private boolean done;

    private AnnexBPipeline(InputStream in, AccessUnitAssembler assembler) {
        this.in = in;
        this.assembler = assembler;
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new Block());
        }
        // A daemon: a read from a pipe cannot be interrupted, and must not keep the JVM alive after close.
        reader = new Thread(this::read, "bmff-annexb-reader");
        reader.setDaemon(true);
    }

    /**
     * Starts reading {@code in} on a new thread; access units come out of {@link #next()}. The stream is not
     * closed by the pipeline. {@code assembler} must be fresh (nothing pushed) and is used by this pipeline
     * alone until it ends.
     */
    public static AnnexBPipeline start(InputStream in, AccessUnitAssembler assembler) {
        AnnexBPipeline p = new AnnexBPipeline(in, assembler);
        p.reader.start();
        return p;
    }

    /**
     * The access units completed by the next block read; after the end of the stream, one last batch with
     * those the end completes ({@link AccessUnitAssembler#finish()} is then done), then {@code null}.
     *
     * @throws BitstreamException a NAL unit is malformed or larger than the assembler's bound
     * @throws IOException reading failed (the reader's exception)
     */
    public Batch next() throws IOException {
        if (done) {
            return null;
        }
        Block b;
        try {
            b = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the video stream");
        }
        List<AccessUnit> out = new ArrayList<>();
        if (b.error != null || b.end) {
            done = true;
            if (b.error != null) {
                throw b.error;
            }
            if (inNal) {
                emit(spill, 0, spillLength, out);
            }
            assembler.finishRanges(out);
            return new Batch(out, System.nanoTime());
        }
        try {
            cut(b, out);
        } finally {
            free.add(b);
        }
        return new Batch(out, b.readNanos);
    }

    /**
     * Stops the reader: it ends at its next turn (a read of a pipe in progress ends when data or the end of
     * the stream arrive). The reader is not interrupted, since an interrupt would close a stream read through
     * an interruptible channel, and the stream is the caller's.
     */
    @Override
    public void close() {
        closed = true;
        done = true;
        Block b;
        while ((b = filled.poll()) != null) {
            free.offer(b);
        }
    }

    // ------------------------------------------------------------------ the reader thread

    private void read() {
        long offset = 0;
        // The last two bytes of the stream so far (1: none yet), for a start code cut by a block's start.
        int last = 1;
        int beforeLast = 1;
        Block b = null;
        try {
            while (!closed) {
                b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue; // the caller is behind (or gone: closed is checked again)
                }
                b.startCount = 0;
                b.error = null;
                int n = in.read(b.data, 0, BLOCK_BYTES);
                if (closed) {
                    return;
                }
                if (n < 0) {
                    b.end = true;
                    filled.put(b);
                    return;
                }
                if (n == 0) {
                    free.put(b);
                    b = null;
                    continue;
                }
                b.length = n;
                b.streamOffset = offset;
                b.readNanos = System.nanoTime();
                byte[] d = b.data;
                if (beforeLast == 0 && last == 0 && d[0] == 1) {
                    b.addStart(-2);
                } else if (last == 0 && n >= 2 && d[0] == 0 && d[1] == 1) {
                    b.addStart(-1);
                }
                // 00 00 01 cannot overlap itself, so every match is a start code (as the splitter finds them).
                for (int at = startCodes.find(d, 0, n); at >= 0; at = startCodes.find(d, at + 3, n)) {
                    b.addStart(at);
                }
                beforeLast = n >= 2 ? d[n - 2] : last;
                last = d[n - 1];
                offset += n;
                filled.put(b);
                b = null;
            }
        } catch (InterruptedException e) {
            // Nothing here interrupts the reader; if something else did, it ends like a failed read.
            if (b != null) {
                b.error = new InterruptedIOException("the reader of the video stream was interrupted");
                filled.offer(b);
            }
        } catch (IOException | RuntimeException e) {
            // The caller waits for a block: it gets the failure instead (never a hang).
            if (!closed && b != null) {
                b.error = e instanceof IOException io ? io : new IOException("reading the video stream failed", e);
                filled.offer(b);
            }
        }
    }

    // ------------------------------------------------------------------ the caller's thread

    private void cut(Block b, List<AccessUnit> out) throws BitstreamException {
        byte[] d = b.data;
        int pos = 0;
        for (int k = 0; k < b.startCount; k++) {
            int s = b.starts[k];
            if (inNal) {
                if (s < 0) {
                    // The start code began in the spill: its zero bytes are trimmed with the unit's.
                    emit(spill, 0, spillLength, out);
                } else if (spilling) {
                    append(d, pos, s);
                    emit(spill, 0, spillLength, out);
                } else {
                    emit(d, pos, s, out, b.streamOffset + pos);
                }
            } else if (s > pos) {
                assembler.addSkipped(nonZero(d, pos, s)); // before the first start code
            }
            inNal = true;
            spilling = false;
            spillLength = 0;
            pos = s + 3;
            nalOffset = b.streamOffset + pos;
        }
        if (inNal) {
            if (!spilling) {
                spilling = true;
                spillLength = 0;
                nalOffset = b.streamOffset + pos;
            }
            append(d, pos, b.length);
        } else {
            assembler.addSkipped(nonZero(d, pos, b.length));
        }
    }

    private void append(byte[] d, int from, int to) throws BitstreamException {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if ((long) spillLength + n > assembler.maxNalBytes() + 3L) {
            throw BitstreamException.atByte(Kind.TOO_LARGE, nalOffset,
                    "nal_unit: more than " + assembler.maxNalBytes() + " bytes without a start code");
        }
        if (spill.length - spillLength < n) {
            spill = Arrays.copyOf(spill, Math.max(2 * spill.length, spillLength + n));
        }
        System.arraycopy(d, from, spill, spillLength, n);
        spillLength += n;
    }

    private void emit(byte[] d, int from, int to, List<AccessUnit> out) throws BitstreamException {
        emit(d, from, to, out, nalOffset);
    }

    /** A NAL unit never ends in a zero byte: trailing zeros are trailing_zero_8bits or a 4-byte start code. */
    private void emit(byte[] d, int from, int to, List<AccessUnit> out, long offset) throws BitstreamException {
        while (to > from && d[to - 1] == 0) {
            to--;
        }
        if (to > from) {
            if (to - from > assembler.maxNalBytes()) {
                throw BitstreamException.atByte(Kind.TOO_LARGE, offset,
                        "nal_unit: more than " + assembler.maxNalBytes() + " bytes without a start code");
            }
            assembler.acceptRange(d, from, to - from, offset, out);
        }
    }

    private static long nonZero(byte[] d, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (d[i] != 0) {
                n++;
            }
        }
        return n;
    }
}

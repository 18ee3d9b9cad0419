package dev.bmff.recover.match;

import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A reused read buffer over one byte range of a file: the matchers look at a few bytes (or one audio frame) at a
 * time, so the media data is never loaded whole. Positions are absolute file offsets (64-bit).
 *
 * <pre>{@code
 * MediaWindow w = new MediaWindow(channel, 48, channel.size());
 * int n = w.ensure(pos, 8);            // up to 8 bytes from pos are now in w.array() at w.index(pos)
 * }</pre>
 */
public final class MediaWindow {
    /** Large enough for any audio frame and many small video frames' headers per refill. */
    private static final int DEFAULT_CAPACITY = 1 << 20;
    /**
     * What a read after a jump takes at least: a picture's NAL headers and slice header, an audio frame or two.
     * Walking a large picture jumps from one NAL length to the next; filling the whole buffer there would read
     * every byte of the media data once more (the walk's main cost on high-bitrate video).
     */
    static final int JUMP_READ = 32 << 10;
    /** A request beyond this is a corrupt length, not a sample: refuse it instead of allocating. */
    public static final int MAX_REQUEST = 16 << 20;

    private final FileChannel channel;
    private final long start;
    private final long end;
    private byte[] buffer;
    private long bufferStart;
    private int bufferLength;

    /** A window over {@code [start, end)} of {@code channel}; the channel stays the caller's to close. */
    public MediaWindow(FileChannel channel, long start, long end) {
        this(channel, start, end, DEFAULT_CAPACITY);
    }

    /**
     * A window over {@code [start, end)} whose buffer starts at {@code capacity} bytes (it grows for a longer
     * request): a small one for walking the NAL headers of one picture, where each read should be short.
     */
    public MediaWindow(FileChannel channel, long start, long end, int capacity) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range " + start + ".." + end);
        }
        this.channel = channel;
        this.start = start;
        this.end = end;
        this.buffer = new byte[Math.max(64, capacity)];
    }

    /**
     * Another window over the same range with its own buffer of {@code capacity} bytes (it grows for a longer
     * request): checking a candidate far ahead there leaves this one in place, and a small buffer makes each
     * check read little.
     */
    public MediaWindow sibling(int capacity) {
        return new MediaWindow(channel, start, end, capacity);
    }

    /**
     * A window over {@code [from, end())} of the same file with its own buffer: another thread's walk of a later
     * region (a window is used by one thread at a time; the file's positional reads are shared safely).
     */
    public MediaWindow from(long from) {
        if (from < start || from > end) {
            throw new IllegalArgumentException(from + " is outside " + start + ".." + end);
        }
        return new MediaWindow(channel, from, end, buffer.length);
    }

    /** What the window reads (shared by its siblings), to tell windows over different files apart. */
    Object source() {
        return channel;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /**
     * Makes up to {@code length} bytes from {@code pos} available in {@link #array()}. A request that goes on
     * from the buffered bytes (a walk through consecutive samples) fills the whole buffer; one that jumps past
     * them (to the next NAL unit of a large picture) reads only {@link #JUMP_READ} bytes, or {@code length}.
     *
     * @return how many are available: {@code length}, or fewer at the end of the range
     */
    public int ensure(long pos, int length) throws IOException {
        if (pos < start || pos > end || length < 0 || length > MAX_REQUEST) {
            throw new IllegalArgumentException("outside the window or too long: " + pos + " +" + length);
        }
        int available = (int) Math.min(length, end - pos);
        if (pos >= bufferStart && pos + available <= bufferStart + bufferLength) {
            return available;
        }
        if (available > buffer.length) {
            buffer = new byte[Math.max(available, buffer.length * 2)];
        }
        boolean sequential = pos >= bufferStart && pos - (bufferStart + bufferLength) < JUMP_READ;
        int want = (int) Math.min(sequential ? buffer.length : Math.max(available, Math.min(JUMP_READ, buffer.length)),
                end - pos);
        PositionalReads.readFully(channel, pos, ByteBuffer.wrap(buffer, 0, want));
        bufferStart = pos;
        bufferLength = want;
        return available;
    }

    /** The buffer the last {@link #ensure} filled; read it at {@link #index(long)}. */
    public byte[] array() {
        return buffer;
    }

    /** Where file position {@code pos} is in {@link #array()}; only after {@code ensure(pos, ...)}. */
    public int index(long pos) {
        return (int) (pos - bufferStart);
    }

    /** {@code n} bytes (1 to 8) at {@code pos} as a big-endian unsigned number; they must be available. */
    public long bigEndian(long pos, int n) {
        int i = index(pos);
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = (v << 8) | (buffer[i + k] & 0xFF);
        }
        return v;
    }

    /** A copy of up to {@code length} bytes from {@code pos} (fewer at the end of the range). */
    public byte[] copy(long pos, int length) throws IOException {
        int n = ensure(pos, length);
        byte[] out = new byte[n];
        System.arraycopy(buffer, index(pos), out, 0, n);
        return out;
    }
}

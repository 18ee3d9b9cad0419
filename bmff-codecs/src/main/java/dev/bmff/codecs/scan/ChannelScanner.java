package dev.bmff.codecs.scan;

import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * Runs a {@link SignatureScanner} over a range of a file, one window at a time, so memory stays at one
 * window however large the file is. Consecutive windows overlap by {@code maxLength() - 1} bytes and a
 * window only reports matches that start before its overlap (except the last window), so a match cut
 * by a window edge is found whole in the next window, and exactly once. Offsets are absolute file
 * offsets; the channel's position is never used or changed (positional reads only).
 *
 * <pre>{@code
 * try (FileChannel ch = FileChannel.open(path)) {
 *     ChannelScanner boxes = ChannelScanner.of(BoxHeaderScanner.ofDefaultTypes());
 *     long first = boxes.find(ch, 0, ch.size());
 *     boxes.matches(ch, 0, ch.size()).limit(10).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: each scan gets its own window buffer, reused for every window of it. The
 * buffer is direct, so a window is one copy from the page cache (a heap buffer costs a second one, through
 * the JDK's temporary direct buffer).
 *
 * @see #withWindowSize(int)
 * @see #mapped()
 */
public final class ChannelScanner {
    /** The default window: large enough that the per-window cost (a read or a map) is negligible. */
    public static final int DEFAULT_WINDOW = 4 << 20;

    private final SignatureScanner scanner;
    private final int windowSize;
    private final boolean mapped;

    private ChannelScanner(SignatureScanner scanner, int windowSize, boolean mapped) {
        this.scanner = Objects.requireNonNull(scanner);
        if (windowSize < 2 * scanner.maxLength()) {
            throw new IllegalArgumentException("window of " + windowSize + " bytes is too small for matches of "
                    + scanner.maxLength() + " bytes (at least twice that)");
        }
        this.windowSize = windowSize;
        this.mapped = mapped;
    }

    /** Windows of {@link #DEFAULT_WINDOW} bytes read into a reused direct buffer. */
    public static ChannelScanner of(SignatureScanner scanner) {
        return new ChannelScanner(scanner, DEFAULT_WINDOW, false);
    }

    /** The same scanner with windows of {@code bytes} (at least twice the scanner's max match length). */
    public ChannelScanner withWindowSize(int bytes) {
        return new ChannelScanner(scanner, bytes, mapped);
    }

    /** The same scanner, mapping each window ({@link FileChannel#map}) instead of reading it. */
    public ChannelScanner mapped() {
        return new ChannelScanner(scanner, windowSize, true);
    }

    public int windowSize() {
        return windowSize;
    }

    public boolean isMapped() {
        return mapped;
    }

    /**
     * The absolute offset of the first match inside {@code [from, min(to, size))}, or -1.
     */
    public long find(FileChannel channel, long from, long to) throws IOException {
        Windows w = new Windows(channel, from, to);
        try {
            return w.hasNext() ? w.nextLong() : -1;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Every match inside {@code [from, min(to, size))}, in increasing order, read lazily; an
     * {@link IOException} surfaces as {@link UncheckedIOException}.
     */
    public LongStream matches(FileChannel channel, long from, long to) throws IOException {
        Windows w = new Windows(channel, from, to);
        return StreamSupport.longStream(Spliterators.spliteratorUnknownSize(w,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.SORTED | Spliterator.NONNULL), false);
    }

    /** An iterator of all matches; the window moves forward as matches are consumed. */
    public PrimitiveIterator.OfLong iterator(FileChannel channel, long from, long to) throws IOException {
        return new Windows(channel, from, to);
    }

    private final class Windows implements PrimitiveIterator.OfLong {
        private final FileChannel ch;
        private final long end;
        private final int overlap = scanner.maxLength() - 1;
        private ByteBuffer buf;
        /** File offset of buf[0]; the window holds {@code len} bytes. */
        private long base;
        private int len;
        private boolean loaded;
        /** Next file offset where a match may start. */
        private long next;
        private long pending = -1;

        Windows(FileChannel ch, long from, long to) throws IOException {
            this.ch = Objects.requireNonNull(ch);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
            }
            this.end = Math.min(to, ch.size());
            this.next = from;
            this.base = from;
        }

        private boolean last() {
            return base + len >= end;
        }

        private void load() throws IOException {
            len = (int) Math.min(windowSize, end - base);
            if (mapped) {
                buf = ch.map(FileChannel.MapMode.READ_ONLY, base, len);
            } else {
                if (buf == null) {
                    buf = ByteBuffer.allocateDirect(len);
                }
                buf.clear().limit(len);
                len = PositionalReads.readUpTo(ch, base, buf); // fewer when the file shrank: scan what is there
            }
            loaded = true;
        }

        @Override
        public boolean hasNext() {
            if (pending >= 0) {
                return true;
            }
            try {
                while (next < end) {
                    if (!loaded) {
                        load();
                    }
                    boolean last = last() || len < Math.min(windowSize, end - base);
                    int from = (int) Math.max(0, next - base);
                    int hit = from < len ? scanner.find(buf, from, len) : -1;
                    // Outside the last window, only starts before the overlap count: a later start may
                    // belong to a longer match that the next window sees whole.
                    int limit = len - overlap;
                    if (hit >= 0 && (last || hit < limit)) {
                        pending = base + hit;
                        next = pending + 1;
                        return true;
                    }
                    if (last) {
                        next = end;
                        break;
                    }
                    base += limit;
                    next = Math.max(next, base);
                    loaded = false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        }

        @Override
        public long nextLong() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long r = pending;
            pending = -1;
            return r;
        }
    }
}

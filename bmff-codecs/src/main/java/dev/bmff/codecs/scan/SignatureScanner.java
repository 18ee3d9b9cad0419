package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Finds the next occurrence of one byte signature (a start code, an access unit delimiter, a box
 * header...) in memory. Offsets are indexes into the array or absolute indexes into the buffer; a match
 * is reported only when all of its bytes lie inside {@code [from, to)}, so the answer never depends on
 * bytes outside the range. A {@link ChannelScanner} runs any scanner over a file in windows.
 *
 * <pre>{@code
 * SignatureScanner aud = PatternScanner.of(BytePattern.H264_AUD);
 * int first = aud.find(bytes, 0, bytes.length);          // -1 when there is none
 * aud.findAll(bytes, 0, bytes.length).forEach(System.out::println);
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface SignatureScanner {
    /**
     * The most bytes one match can span. A windowed scan overlaps windows by {@code maxLength() - 1}
     * bytes so that a match cut by a window edge is seen whole in the next window.
     */
    int maxLength();

    /**
     * The smallest index {@code i >= from} where a match starts that ends at or before {@code to}, or -1.
     *
     * @throws IndexOutOfBoundsException when {@code [from, to)} is not inside the array
     */
    int find(byte[] data, int from, int to);

    /**
     * As {@link #find(byte[], int, int)} over absolute indexes of {@code buffer} (heap, direct or
     * mapped); the buffer's position, limit, mark and byte order are left as they were.
     *
     * @throws IndexOutOfBoundsException when {@code [from, to)} is not inside {@code [0, limit)}
     */
    int find(ByteBuffer buffer, int from, int to);

    /** Every match start in {@code [from, to)}, in increasing order (matches may overlap). */
    default IntStream findAll(byte[] data, int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        return IntStream.iterate(find(data, from, to), i -> i >= 0, i -> find(data, i + 1, to));
    }

    /** Every match start in {@code [from, to)} of {@code buffer}, in increasing order. */
    default IntStream findAll(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        return IntStream.iterate(find(buffer, from, to), i -> i >= 0, i -> find(buffer, i + 1, to));
    }
}

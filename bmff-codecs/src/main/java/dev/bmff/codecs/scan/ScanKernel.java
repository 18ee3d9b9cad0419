package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The inner loop of a scanner, one per implementation (8 bytes at a time in a long, or a vector of the
 * Vector API). The public scanner checks the range and picks the kernel once, when it is made.
 */
interface ScanKernel {
    /** As {@link SignatureScanner#find(byte[], int, int)}, range already checked. */
    int find(byte[] data, int from, int to);

    /** As {@link SignatureScanner#find(ByteBuffer, int, int)} on a buffer without an array, range checked. */
    int find(ByteBuffer buffer, int from, int to);

    /** {@link SignatureScanner#find(byte[], int, int)} for a public scanner: the range checked, then the kernel. */
    default int findChecked(byte[] data, int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        return find(data, from, to);
    }

    /**
     * {@link SignatureScanner#find(ByteBuffer, int, int)} for a public scanner: the range checked; a heap
     * buffer is scanned through its array (the faster loads), a direct or mapped one as a buffer.
     */
    default int findChecked(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        if (buffer.hasArray()) {
            int off = buffer.arrayOffset();
            int r = find(buffer.array(), off + from, off + to);
            return r < 0 ? -1 : r - off;
        }
        return find(buffer, from, to);
    }

    /** True for the Vector API kernels. */
    boolean vectorized();
}

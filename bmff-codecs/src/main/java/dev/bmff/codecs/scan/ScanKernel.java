package dev.bmff.codecs.scan;

import java.nio.ByteBuffer;

/**
 * The inner loop of a scanner, one per implementation (8 bytes at a time in a long, or a vector of the
 * Vector API). The public scanner checks the range and picks the kernel once, when it is made.
 */
interface ScanKernel {
    /** As {@link SignatureScanner#find(byte[], int, int)}, range already checked. */
    int find(byte[] data, int from, int to);

    /** As {@link SignatureScanner#find(ByteBuffer, int, int)} on a buffer without an array, range checked. */
    int find(ByteBuffer buffer, int from, int to);

    /** True for the Vector API kernels. */
    boolean vectorized();
}

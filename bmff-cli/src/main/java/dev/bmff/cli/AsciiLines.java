package dev.bmff.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Lines of ASCII text (numbers and separators) written into one byte buffer and handed to an output stream
 * when it fills: what {@code bmff samples} prints for each of millions of samples, without a
 * {@code String}, a {@code StringBuilder} or a character encoder per value. Not thread-safe.
 */
final class AsciiLines {
    /** The longest value {@link #put(long)} writes: "-9223372036854775808". */
    private static final int LONGEST = 20;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;

    AsciiLines(OutputStream out) {
        this.out = out;
    }

    /** One ASCII character. */
    AsciiLines put(char c) throws IOException {
        if (n == buf.length) {
            drain();
        }
        buf[n++] = (byte) c;
        return this;
    }

    /** ASCII text as it is (a header line). */
    AsciiLines put(String ascii) throws IOException {
        for (int i = 0; i < ascii.length(); i++) {
            put(ascii.charAt(i));
        }
        return this;
    }

    /** A number in decimal, as {@link Long#toString(long)} writes it. */
    AsciiLines put(long v) throws IOException {
        if (n > buf.length - LONGEST) {
            drain();
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return put(Long.toString(v));
            }
            buf[n++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = n + digits;
        for (int i = end - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n = end;
        return this;
    }

    /** Writes what is buffered and flushes the stream. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }
}

package dev.bmff.recover.model;

import java.util.List;

/**
 * How the samples of a track without a bitstream parser (timed metadata, timecode, vendor data) are delimited in
 * the media data: where one is known exactly from its own bytes (GPMF, boxes, a fixed size), and where only the
 * reference's sizes and the next sample's start can tell. Learned from the reference by {@link FramingLearner}
 * and checked there against every sample it reads, so a framing is only used when it gives the reference's own
 * sizes back.
 *
 * <pre>{@code
 * SampleFraming f = new SampleFraming.Fixed(4);            // a QuickTime tmcd sample: one frame number
 * long[] lengths = f.lengths(bytes, 0, bytes.length);     // {4}
 * }</pre>
 */
public sealed interface SampleFraming {
    /** No length is known at this position. */
    long[] NONE = new long[0];

    /**
     * The possible lengths of a sample starting at {@code from}, most likely first; {@link #NONE} when the bytes
     * cannot start one. Lengths may reach past {@code to} (the caller checks they fit).
     *
     * @param data bytes of the media data from the candidate position
     * @param from the candidate position in {@code data}
     * @param to the end of the bytes available in {@code data}
     */
    long[] lengths(byte[] data, int from, int to);

    /** How many bytes from the sample start {@link #lengths} may need to look at (0: none, lengths are learned). */
    default int lookahead() {
        return 0;
    }

    /** True when the length comes from the sample's own bytes (a format), not from learned sizes alone. */
    default boolean exact() {
        return false;
    }

    /** The most that is read of one sample whose format gives its length. */
    int FORMAT_LOOKAHEAD = 64 << 10;

    /** A framing a sample format defines: the sample's own bytes give its length. */
    sealed interface Format extends SampleFraming {
        @Override
        default int lookahead() {
            return FORMAT_LOOKAHEAD;
        }

        @Override
        default boolean exact() {
            return true;
        }
    }

    /**
     * GoPro's GPMF telemetry ({@code gpmd}): a sample is one or more top-level {@code DEVC} KLV entries, each 8
     * bytes of key, type, struct size and repeat count followed by its payload padded to 4 bytes.
     */
    record Gpmf() implements Format {
        private static final int DEVC = 0x44455643;

        @Override
        public long[] lengths(byte[] data, int from, int to) {
            long length = 0;
            int at = from;
            while (at + 8 <= to && be32(data, at) == DEVC) {
                long payload = (data[at + 5] & 0xFFL) * (((data[at + 6] & 0xFF) << 8) | (data[at + 7] & 0xFF));
                if (data[at + 4] != 0 || payload == 0) {
                    break;
                }
                long klv = 8 + ((payload + 3) & ~3L);
                length += klv;
                if (at + klv > to) {
                    break;
                }
                at += (int) klv;
            }
            return length == 0 ? NONE : new long[] {length};
        }
    }

    /**
     * A sample made of boxes whose types are small numbers: the QuickTime metadata ({@code mebx}) samples, one box
     * per item, typed by the local key id of the track's {@code keys}.
     *
     * @param keys the key ids the reference's samples use
     * @param maxBoxes the most boxes one reference sample holds
     */
    record Boxes(List<Long> keys, int maxBoxes) implements Format {
        public Boxes {
            keys = List.copyOf(keys);
            if (maxBoxes < 1) {
                throw new IllegalArgumentException("a sample holds at least one box");
            }
        }

        @Override
        public long[] lengths(byte[] data, int from, int to) {
            long length = 0;
            int at = from;
            for (int n = 0; n < maxBoxes && at + 8 <= to; n++) {
                long size = be32(data, at) & 0xFFFF_FFFFL;
                if (size < 8 || size > FORMAT_LOOKAHEAD || !keys.contains(be32(data, at + 4) & 0xFFFF_FFFFL)) {
                    break;
                }
                length += size;
                at += (int) size;
            }
            return length == 0 ? NONE : new long[] {length};
        }
    }

    /**
     * Google's camera motion metadata ({@code camm}): 2 reserved bytes, a little-endian 16-bit type, and a payload
     * whose size the type fixes.
     */
    record Camm() implements Format {
        private static final int[] PAYLOAD = {12, 8, 12, 12, 12, 24, 56, 12};

        @Override
        public long[] lengths(byte[] data, int from, int to) {
            if (from + 4 > to || data[from] != 0 || data[from + 1] != 0 || data[from + 3] != 0
                    || (data[from + 2] & 0xFF) >= PAYLOAD.length) {
                return NONE;
            }
            return new long[] {4 + PAYLOAD[data[from + 2]]};
        }

        @Override
        public int lookahead() {
            return 4;
        }
    }

    /** Timed text ({@code tx3g}, QuickTime {@code text}): a 16-bit length, the text, then style boxes if any. */
    record Text() implements Format {
        @Override
        public long[] lengths(byte[] data, int from, int to) {
            if (from + 2 > to) {
                return NONE;
            }
            int at = from + 2 + (((data[from] & 0xFF) << 8) | (data[from + 1] & 0xFF));
            // Modifier boxes (styl, hlit, ...) follow the text; each is a box with a lower-case type.
            while (at + 8 <= to) {
                long size = be32(data, at) & 0xFFFF_FFFFL;
                if (size < 8 || at + size > to || !lowerCase(data, at + 4)) {
                    break;
                }
                at += (int) size;
            }
            return new long[] {at - from};
        }

        private static boolean lowerCase(byte[] data, int at) {
            for (int i = at; i < at + 4; i++) {
                if (data[i] < 'a' || data[i] > 'z') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Every sample of the reference has one size (a QuickTime {@code tmcd} frame number, Sony {@code rtmd}). */
    record Fixed(long size) implements SampleFraming {
        public Fixed {
            if (size < 1) {
                throw new IllegalArgumentException("a sample has at least one byte");
            }
        }

        @Override
        public long[] lengths(byte[] data, int from, int to) {
            return new long[] {size};
        }
    }

    /**
     * The reference's samples take a few sizes (GoPro's {@code fdsc}: 16 bytes, and two longer ones at the start):
     * each is tried, the most frequent first, and the next sample's start decides.
     *
     * @param sizes the sizes, most frequent first
     */
    record Sizes(List<Long> sizes) implements SampleFraming {
        public Sizes {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("at least one size");
            }
        }

        @Override
        public long[] lengths(byte[] data, int from, int to) {
            long[] out = new long[sizes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = sizes.get(i);
            }
            return out;
        }
    }

    /**
     * Nothing in the bytes gives the length (a protobuf or vendor blob of varying size): a sample runs to where the
     * next sample of any track starts, between the reference's smallest and largest sizes (with some slack).
     *
     * @param min the fewest bytes a sample is taken to have
     * @param max the most
     */
    record Delimited(long min, long max) implements SampleFraming {
        public Delimited {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("bad size range " + min + ".." + max);
            }
        }

        @Override
        public long[] lengths(byte[] data, int from, int to) {
            throw new UnsupportedOperationException("a delimited sample's length is where the next one starts");
        }
    }

    private static int be32(byte[] d, int at) {
        return ((d[at] & 0xFF) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }
}

package dev.bmff.recover.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    /** How many bytes from the sample start {@link #lengths} may need to look at. */
    int lookahead();

    /** True when the length comes from the sample's own bytes (a format), not from learned sizes alone. */
    boolean exact();

    /**
     * GoPro's GPMF telemetry ({@code gpmd}): a sample is one or more top-level {@code DEVC} KLV entries, each 8
     * bytes of key, type, struct size and repeat count followed by its payload padded to 4 bytes.
     */
    record Gpmf() implements SampleFraming {
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

        @Override
        public int lookahead() {
            return 64 << 10;
        }

        @Override
        public boolean exact() {
            return true;
        }
    }

    /**
     * A sample made of boxes whose types are small numbers: the QuickTime metadata ({@code mebx}) samples, one box
     * per item, typed by the local key id of the track's {@code keys}. Each track numbers its keys from 1, so
     * the key ids alone do not tell an iPhone's tracks apart; the sequences of key ids its samples hold do (a
     * face-detection sample is a key 1 box then a key 2 box, a live-photo sample one key 1 box).
     *
     * @param keys the key ids the reference's samples use
     * @param maxBoxes the most boxes one reference sample holds
     * @param sequences the sequences of key ids the reference's samples hold; a sample ends only after one of
     *     them. Empty: any run of known keys, up to {@code maxBoxes} boxes (too many sequences to list).
     * @param fixedSizes the box size of each key whose boxes all had one size in the reference (a number, a
     *     date: an iPhone's still-image-time is a 10-byte box): only that size is taken for it. Keys not here
     *     take any size.
     */
    record Boxes(List<Long> keys, int maxBoxes, List<List<Long>> sequences, Map<Long, Long> fixedSizes)
            implements SampleFraming {
        public Boxes {
            keys = List.copyOf(keys);
            sequences = sequences.stream().map(List::copyOf).toList();
            fixedSizes = Map.copyOf(fixedSizes);
            if (maxBoxes < 1) {
                throw new IllegalArgumentException("a sample holds at least one box");
            }
        }

        /** Any run of known keys, up to {@code maxBoxes} boxes, of any size. */
        public Boxes(List<Long> keys, int maxBoxes) {
            this(keys, maxBoxes, List.of(), Map.of());
        }

        /** The lengths after each box where the key ids so far are a learned sequence, the longest first. */
        @Override
        public long[] lengths(byte[] data, int from, int to) {
            long[] ends = new long[maxBoxes];
            int count = 0;
            long length = 0;
            int at = from;
            Long[] seen = new Long[maxBoxes];
            for (int n = 0; n < maxBoxes && at + 8 <= to; n++) {
                long size = be32(data, at) & 0xFFFF_FFFFL;
                long key = be32(data, at + 4) & 0xFFFF_FFFFL;
                if (size < 8 || size > lookahead() || !keys.contains(key)
                        || size != fixedSizes.getOrDefault(key, size)) {
                    break;
                }
                seen[n] = key;
                length += size;
                at += (int) size;
                if (sequences.isEmpty()) {
                    ends[0] = length;
                    count = 1;
                    continue;
                }
                List<Long> prefix = Arrays.asList(seen).subList(0, n + 1);
                if (sequences.contains(prefix)) {
                    ends[count++] = length;
                }
                if (!continued(prefix)) {
                    break;
                }
            }
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = ends[count - 1 - i];
            }
            return count == 0 ? NONE : out;
        }

        /** Whether a learned sequence is longer than {@code prefix} and starts with it. */
        private boolean continued(List<Long> prefix) {
            for (List<Long> q : sequences) {
                if (q.size() > prefix.size() && q.subList(0, prefix.size()).equals(prefix)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int lookahead() {
            return 64 << 10;
        }

        @Override
        public boolean exact() {
            return true;
        }
    }

    /**
     * Google's camera motion metadata ({@code camm}): 2 reserved bytes, a little-endian 16-bit type, and a payload
     * whose size the type fixes.
     */
    record Camm() implements SampleFraming {
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

        @Override
        public boolean exact() {
            return true;
        }
    }

    /** Timed text ({@code tx3g}, QuickTime {@code text}): a 16-bit length, the text, then style boxes if any. */
    record Text() implements SampleFraming {
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

        @Override
        public int lookahead() {
            return 64 << 10;
        }

        @Override
        public boolean exact() {
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

        @Override
        public int lookahead() {
            return 0;
        }

        @Override
        public boolean exact() {
            return false;
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

        @Override
        public int lookahead() {
            return 0;
        }

        @Override
        public boolean exact() {
            return false;
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

        @Override
        public int lookahead() {
            return 0;
        }

        @Override
        public boolean exact() {
            return false;
        }
    }

    private static int be32(byte[] d, int at) {
        return ((d[at] & 0xFF) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }
}

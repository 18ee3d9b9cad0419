package dev.bmff.recover.model;

import dev.bmff.core.box.Bytes;
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
            implements Format {
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
                if (size < 8 || size > FORMAT_LOOKAHEAD || !keys.contains(key)
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

    /**
     * A Protocol Buffers message (DJI's {@code djmd}): a run of fields, each a varint key (field number and wire
     * type) and a value (a varint, 8 bytes, a varint length and that many bytes, or 4 bytes). A message has no length
     * of its own; it may end after any field, and is taken to end only after a field whose number ended a sample of
     * the reference (the schema's last field), so its end does not rest on what follows alone.
     *
     * @param lastFields the field numbers the reference's samples end with
     * @param maxLength the most bytes a sample is read for
     */
    record Protobuf(java.util.Set<Long> lastFields, int maxLength) implements SampleFraming {
        public Protobuf {
            lastFields = java.util.Set.copyOf(lastFields);
            if (lastFields.isEmpty() || maxLength < 2) {
                throw new IllegalArgumentException("a message ends after a field: " + lastFields + ", " + maxLength);
            }
        }

        /** Where the message at {@code from} may end (after a last field), the shortest first. */
        @Override
        public long[] lengths(byte[] data, int from, int to) {
            long[] ends = new long[4];
            int count = 0;
            int limit = (int) Math.min(to, (long) from + maxLength);
            int at = from;
            while (at < limit) {
                long key = varint(data, at, limit);
                if (key < 0) {
                    break;
                }
                at += varintSize(key);
                long field = key >>> 3;
                long length = switch ((int) (key & 7)) {
                    case 0 -> {
                        long v = varint(data, at, limit);
                        yield v < 0 ? -1 : varintSize(v);
                    }
                    case 1 -> 8;
                    case 2 -> {
                        long n = varint(data, at, limit);
                        yield n < 0 ? -1 : varintSize(n) + n;
                    }
                    case 5 -> 4;
                    default -> -1;
                };
                if (field == 0 || length < 0 || at + length > limit) {
                    break;
                }
                at += (int) length;
                if (lastFields.contains(field)) {
                    if (count == ends.length) {
                        ends = Arrays.copyOf(ends, 2 * count);
                    }
                    ends[count++] = at - from;
                }
            }
            return count == 0 ? NONE : Arrays.copyOf(ends, count);
        }

        /** The varint at {@code at}, or -1 when it does not end before {@code limit} within 10 bytes. */
        static long varint(byte[] data, int at, int limit) {
            long v = 0;
            for (int i = 0; i < 10 && at + i < limit; i++) {
                int b = data[at + i] & 0xFF;
                v |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    // A longer encoding than needed is no encoder's output.
                    return i > 0 && b == 0 ? -1 : v & Long.MAX_VALUE;
                }
            }
            return -1;
        }

        static int varintSize(long v) {
            int n = 1;
            while ((v >>>= 7) != 0) {
                n++;
            }
            return n;
        }

        @Override
        public int lookahead() {
            return maxLength;
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
    }

    /**
     * The reference's samples take a few sizes (GoPro's {@code fdsc}: 16 bytes, and two longer ones at the start):
     * each is tried, and the next sample's start decides (the matcher tries the shortest first). A size whose samples share first
     * bytes of their own is tried only where those bytes are ({@code GPRO} for GoPro's 300-byte one, {@code GP 03
     * 01} for its 152-byte one).
     *
     * @param sizes the sizes, most frequent first
     * @param prefixes for each size, the first bytes its reference samples share (empty: any)
     */
    record Sizes(List<Long> sizes, List<Bytes> prefixes) implements SampleFraming {
        public Sizes {
            sizes = List.copyOf(sizes);
            prefixes = List.copyOf(prefixes);
            if (sizes.isEmpty() || prefixes.size() != sizes.size()) {
                throw new IllegalArgumentException("at least one size, and a prefix (maybe empty) for each");
            }
        }

        /** Sizes tried wherever the track's prefix is. */
        public Sizes(List<Long> sizes) {
            this(sizes, java.util.Collections.nCopies(sizes.size(), Bytes.EMPTY));
        }

        @Override
        public long[] lengths(byte[] data, int from, int to) {
            long[] out = new long[sizes.size()];
            int n = 0;
            for (int i = 0; i < out.length; i++) {
                if (startsWith(data, from, to, prefixes.get(i))) {
                    out[n++] = sizes.get(i);
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }

        private static boolean startsWith(byte[] data, int from, int to, Bytes prefix) {
            if (from + prefix.size() > to) {
                return false;
            }
            for (int i = 0; i < prefix.size(); i++) {
                if (data[from + i] != (byte) prefix.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int lookahead() {
            return prefixes.stream().mapToInt(Bytes::size).max().orElse(0);
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

        /** None: the bytes do not tell; the matcher looks for the next sample's start between min and max. */
        @Override
        public long[] lengths(byte[] data, int from, int to) {
            return NONE;
        }
    }

    private static int be32(byte[] d, int at) {
        return ((d[at] & 0xFF) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }
}

package dev.bmff.recover.model;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learns how the samples of a track without a bitstream parser are delimited ({@link SampleFraming}) and what
 * they start with, from the reference's own samples: a format's framing (GPMF, boxes, camm, text) is used when it
 * gives back the size of every sample read; otherwise the reference's sizes (one, a few, or a range), which the
 * walk confirms by the next sample's start.
 */
final class FramingLearner {
    /** Samples read from the reference: enough to see every variant, bounded so a long reference stays cheap. */
    private static final int MAX_SAMPLES = 400;
    /** At most this many bytes of one sample are read (the framings look no further). */
    private static final int MAX_READ = 64 << 10;
    /** A prefix is believed only when this many samples share it. */
    private static final int MIN_PREFIX_SAMPLES = 3;
    private static final int MAX_PREFIX = 4;
    /** More distinct key sequences than this in a metadata track's samples and any sequence of its keys is taken. */
    private static final int MAX_SEQUENCES = 16;
    /**
     * The longest a sample without a length of its own may run (twice the reference's largest, plus some): its end
     * is looked for at every byte, each a start check of every track.
     */
    private static final long MAX_DELIMITED = 1 << 20;
    /** More distinct sizes than this and the sizes are a range, not a set. */
    private static final int MAX_SIZES = 16;

    private FramingLearner() {
    }

    /** The learned framing and prefix, or null when the track's samples cannot be told apart at all. */
    static CodecModel.Metadata learn(TrackSamples t, FileChannel in) throws IOException {
        int n = Math.min(t.sampleCount(), MAX_SAMPLES);
        List<byte[]> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            samples.add(PositionalReads.readFully(in, t.offset(i), (int) Math.min(t.size(i), MAX_READ)));
        }
        Bytes prefix = prefix(samples);
        FourCC format = t.sampleDescriptions().get(0).type();
        for (SampleFraming f : formatFramings(format, samples)) {
            if (fits(f, t, samples)) {
                return new CodecModel.Metadata(f, prefix);
            }
        }
        Map<Long, Integer> counts = new HashMap<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < t.sampleCount(); i++) {
            long size = t.size(i);
            min = Math.min(min, size);
            max = Math.max(max, size);
            if (counts.size() <= MAX_SIZES) {
                counts.merge(size, 1, Integer::sum);
            }
        }
        if (min == 0) {
            return null;
        }
        SampleFraming.Protobuf protobuf = counts.size() > 1 ? protobuf(t, samples, max) : null;
        if (protobuf != null) {
            return new CodecModel.Metadata(protobuf, prefix);
        }
        if (counts.size() == 1) {
            return new CodecModel.Metadata(new SampleFraming.Fixed(min), prefix);
        }
        if (counts.size() <= MAX_SIZES) {
            List<Long> sizes = counts.entrySet().stream()
                    .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            return new CodecModel.Metadata(new SampleFraming.Sizes(sizes, sizePrefixes(t, samples, sizes)), prefix);
        }
        if (prefix.size() == 0 || 2 * max + 64 > MAX_DELIMITED) {
            // Sizes that vary and no common start: the walk could only guess where such a sample ends. Samples
            // that large would be looked for byte by byte over megabytes at every start: not worth the guess.
            return null;
        }
        return new CodecModel.Metadata(new SampleFraming.Delimited(Math.max(1, min / 2), 2 * max + 64), prefix);
    }

    private static List<SampleFraming> formatFramings(FourCC format, List<byte[]> samples) {
        List<SampleFraming> out = new ArrayList<>();
        switch (format.toString()) {
            case "gpmd" -> out.add(new SampleFraming.Gpmf());
            case "mebx" -> {
                Set<Long> keys = new LinkedHashSet<>();
                Set<List<Long>> sequences = new LinkedHashSet<>();
                Map<Long, Long> sizes = new HashMap<>();
                Set<Long> varying = new LinkedHashSet<>();
                int maxBoxes = 1;
                for (byte[] s : samples) {
                    List<Long> sequence = new ArrayList<>();
                    for (int at = 0; at + 8 <= s.length; ) {
                        long size = be32(s, at);
                        long key = be32(s, at + 4);
                        keys.add(key);
                        sequence.add(key);
                        if (sizes.getOrDefault(key, size) != size) {
                            varying.add(key);
                        }
                        sizes.put(key, size);
                        if (size < 8) {
                            break;
                        }
                        at += (int) Math.min(size, s.length);
                    }
                    maxBoxes = Math.max(maxBoxes, sequence.size());
                    sequences.add(sequence);
                }
                if (!keys.isEmpty()) {
                    // The sequences of key ids tell a track's samples from another's: kept unless they are many.
                    sizes.keySet().removeAll(varying);
                    out.add(new SampleFraming.Boxes(new ArrayList<>(keys), maxBoxes,
                            sequences.size() <= MAX_SEQUENCES ? new ArrayList<>(sequences) : List.of(), sizes));
                }
            }
            case "camm" -> out.add(new SampleFraming.Camm());
            case "tx3g", "text", "wvtt" -> out.add(new SampleFraming.Text());
            case "tmcd" -> out.add(new SampleFraming.Fixed(4));
            default -> {
            }
        }
        return out;
    }

    /**
     * Whether {@code f} gives back the size of every sample read among its lengths (those cut by {@link #MAX_READ}
     * excepted).
     */
    private static boolean fits(SampleFraming f, TrackSamples t, List<byte[]> samples) {
        for (int i = 0; i < samples.size(); i++) {
            byte[] s = samples.get(i);
            if (s.length < t.size(i)) {
                continue;
            }
            long size = t.size(i);
            if (java.util.Arrays.stream(f.lengths(s, 0, s.length)).noneMatch(n -> n == size)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Protocol Buffers framing when every sample read is a message that its fields fill exactly (at least two
     * fields each, so a few random bytes do not pass), ending with the fields it ends with; null otherwise.
     */
    private static SampleFraming.Protobuf protobuf(TrackSamples t, List<byte[]> samples, long max) {
        if (samples.size() < MIN_PREFIX_SAMPLES) {
            return null;
        }
        Set<Long> last = new LinkedHashSet<>();
        for (int i = 0; i < samples.size(); i++) {
            byte[] s = samples.get(i);
            if (s.length < t.size(i)) {
                continue;
            }
            int at = 0;
            int fields = 0;
            long field = 0;
            while (at < s.length) {
                long key = SampleFraming.Protobuf.varint(s, at, s.length);
                if (key < 0 || key >>> 3 == 0) {
                    return null;
                }
                at += SampleFraming.Protobuf.varintSize(key);
                long length = switch ((int) (key & 7)) {
                    case 0 -> {
                        long v = SampleFraming.Protobuf.varint(s, at, s.length);
                        yield v < 0 ? -1 : SampleFraming.Protobuf.varintSize(v);
                    }
                    case 1 -> 8;
                    case 2 -> {
                        long n = SampleFraming.Protobuf.varint(s, at, s.length);
                        yield n < 0 ? -1 : SampleFraming.Protobuf.varintSize(n) + n;
                    }
                    case 5 -> 4;
                    default -> -1;
                };
                if (length < 0 || at + length > s.length) {
                    return null;
                }
                at += (int) length;
                field = key >>> 3;
                fields++;
            }
            if (fields < 2) {
                return null;
            }
            last.add(field);
        }
        return last.isEmpty() ? null : new SampleFraming.Protobuf(last, (int) Math.min(MAX_READ, 2 * max + 64));
    }

    /**
     * For each size, the first bytes the samples read of that size share (at most {@link #MAX_PREFIX}; those of a
     * single sample when only one has it: GoPro's one-off fdsc samples), empty when none was read.
     */
    private static List<Bytes> sizePrefixes(TrackSamples t, List<byte[]> samples, List<Long> sizes) {
        List<Bytes> out = new ArrayList<>();
        for (long size : sizes) {
            byte[] first = null;
            int n = MAX_PREFIX;
            for (int i = 0; i < samples.size(); i++) {
                byte[] s = samples.get(i);
                if (t.size(i) != size) {
                    continue;
                }
                if (first == null) {
                    first = s;
                    n = Math.min(n, s.length);
                }
                n = Math.min(n, s.length);
                for (int k = 0; k < n; k++) {
                    if (s[k] != first[k]) {
                        n = k;
                        break;
                    }
                }
            }
            out.add(first == null ? Bytes.EMPTY : Bytes.of(first, 0, n));
        }
        return out;
    }

    /** The first bytes every sample read shares, at most {@link #MAX_PREFIX}; none from too few samples. */
    private static Bytes prefix(List<byte[]> samples) {
        if (samples.size() < MIN_PREFIX_SAMPLES) {
            return Bytes.EMPTY;
        }
        int n = MAX_PREFIX;
        byte[] first = samples.get(0);
        for (byte[] s : samples) {
            n = Math.min(n, s.length);
            for (int i = 0; i < n; i++) {
                if (s[i] != first[i]) {
                    n = i;
                    break;
                }
            }
        }
        return Bytes.of(first, 0, n);
    }

    private static long be32(byte[] d, int at) {
        return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }
}

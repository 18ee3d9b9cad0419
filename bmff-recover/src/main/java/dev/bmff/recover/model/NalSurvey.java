package dev.bmff.recover.model;

import dev.bmff.core.box.Bytes;
import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the NAL unit headers of a bounded number of a reference track's samples and learns its
 * {@link NalVocabulary}. Only the few bytes of each unit's length and header are read (through a small block
 * buffer, positional reads), plus the whole of small in-band parameter sets: never the media data at large.
 */
final class NalSurvey {
    /** At most this many samples are read: the first ones, then some spread over the rest. */
    static final int MAX_SAMPLES = 200;
    /** Of {@link #MAX_SAMPLES}, how many are the first samples in decode order. */
    static final int FIRST_SAMPLES = 160;
    /** A sample with more units than this is not surveyed past them (its first ones are kept). */
    static final int MAX_UNITS_PER_SAMPLE = 4096;
    /** In-band parameter sets longer than this are counted but not kept. */
    static final int MAX_PARAMETER_SET_BYTES = 4096;
    /** At most this many distinct in-band parameter sets are kept. */
    static final int MAX_PARAMETER_SETS = 32;
    private static final int BLOCK = 4096;

    /** The codec's NAL header layout. */
    enum Codec {
        AVC(1), HEVC(2);

        final int headerSize;

        Codec(int headerSize) {
            this.headerSize = headerSize;
        }

        int type(byte[] b, int i) {
            return this == AVC ? b[i] & 0x1F : (b[i] >> 1) & 0x3F;
        }

        int layer(byte[] b, int i) {
            return this == AVC ? 0 : ((b[i] & 1) << 5) | ((b[i + 1] & 0xFF) >> 3);
        }

        boolean valid(byte[] b, int i) {
            return (b[i] & 0x80) == 0 && (this == AVC || (b[i + 1] & 7) != 0);
        }

        boolean baseSlice(int type, int layer) {
            return this == AVC ? type == 1 || type == 5 : layer == 0 && (type <= 9 || (type >= 16 && type <= 21));
        }

        /** SPS, PPS (and H.264 subset SPS; HEVC VPS) of the base layer. */
        boolean parameterSet(int type, int layer) {
            return this == AVC ? type == 7 || type == 8 || type == 15 : layer == 0 && type >= 32 && type <= 34;
        }
    }

    /** The samples of a track, as the reference's sample index gives them. */
    interface Samples {
        int count();

        long offset(int i);

        long size(int i);

        boolean sync(int i);
    }

    private final FileChannel channel;
    private final int lengthSize;
    private final Codec codec;
    private final byte[] block = new byte[BLOCK];
    private long blockStart = -1;
    private int blockLength;

    private final Map<Integer, Integer> placements = new HashMap<>();
    private final List<Bytes> parameterSets = new ArrayList<>();
    private int samples;
    private int sync;
    private int withSets;
    private int syncWithSets;
    /** Samples of two or more base-layer slices (a picture split in slices). */
    private int severalSlices;
    // The units of the sample being read: committed only when it parses to its exact end.
    private final int[] keys = new int[MAX_UNITS_PER_SAMPLE];
    private final int[] places = new int[MAX_UNITS_PER_SAMPLE];
    private final List<Bytes> sampleSets = new ArrayList<>();

    private NalSurvey(FileChannel channel, int lengthSize, Codec codec) {
        if (lengthSize < 1 || lengthSize > 4) {
            throw new IllegalArgumentException("NAL length size " + lengthSize);
        }
        this.channel = channel;
        this.lengthSize = lengthSize;
        this.codec = codec;
    }

    /** Surveys up to {@link #MAX_SAMPLES} of {@code samples}, stored in {@code channel}. */
    static NalVocabulary survey(FileChannel channel, Samples samples, int lengthSize, Codec codec)
            throws IOException {
        NalSurvey s = new NalSurvey(channel, lengthSize, codec);
        for (int i : chosen(samples.count())) {
            s.sample(samples.offset(i), samples.size(i), samples.sync(i));
        }
        return new NalVocabulary(s.samples, s.sync, s.placements, s.withSets, s.syncWithSets, s.parameterSets,
                s.severalSlices);
    }

    /** The indexes surveyed among {@code count} samples: the first ones, then the rest spread evenly. */
    static int[] chosen(int count) {
        if (count <= MAX_SAMPLES) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[MAX_SAMPLES];
        for (int i = 0; i < FIRST_SAMPLES; i++) {
            out[i] = i;
        }
        int spread = MAX_SAMPLES - FIRST_SAMPLES;
        long rest = count - FIRST_SAMPLES;
        for (int k = 0; k < spread; k++) {
            out[FIRST_SAMPLES + k] = (int) (FIRST_SAMPLES + (rest * k + rest / 2) / spread);
        }
        return out;
    }

    private void sample(long offset, long size, boolean isSync) throws IOException {
        long end = offset + size;
        if (offset < 0 || size <= 0 || end > channel.size()) {
            return;
        }
        int n = 0;
        int lastSlice = -1;
        int slices = 0;
        boolean sets = false;
        sampleSets.clear();
        long p = offset;
        int hs = codec.headerSize;
        while (p < end && n < MAX_UNITS_PER_SAMPLE) {
            if (p + lengthSize + hs > end) {
                return;
            }
            int at = ensure(p, lengthSize + hs);
            long len = 0;
            for (int k = 0; k < lengthSize; k++) {
                len = (len << 8) | (block[at + k] & 0xFF);
            }
            if (len < hs || p + lengthSize + len > end || !codec.valid(block, at + lengthSize)) {
                return;
            }
            int type = codec.type(block, at + lengthSize);
            int layer = codec.layer(block, at + lengthSize);
            keys[n] = NalVocabulary.key(type, layer);
            if (codec.baseSlice(type, layer)) {
                places[n] = NalVocabulary.BASE_SLICE;
                slices++;
                // The units since the previous slice (if any) stood between two slices.
                for (int k = lastSlice + 1; lastSlice >= 0 && k < n; k++) {
                    places[k] = NalVocabulary.BETWEEN;
                }
                lastSlice = n;
            } else {
                places[n] = lastSlice < 0 ? NalVocabulary.LEADING : NalVocabulary.TRAILING;
                if (lastSlice < 0 && codec.parameterSet(type, layer)) {
                    sets = true;
                    if (len <= MAX_PARAMETER_SET_BYTES) {
                        sampleSets.add(read(p + lengthSize, (int) len));
                    }
                }
            }
            n++;
            p += lengthSize + len;
        }
        if (p != end && n < MAX_UNITS_PER_SAMPLE) {
            return;
        }
        // Parsed to its end (or to the unit limit, where the units after the last slice so far are left out: they
        // may stand between slices or after them): what it shows is believed.
        int believed = p == end || lastSlice < 0 ? n : lastSlice + 1;
        samples++;
        if (isSync) {
            sync++;
        }
        if (slices > 1) {
            severalSlices++;
        }
        if (sets) {
            withSets++;
            if (isSync) {
                syncWithSets++;
            }
        }
        for (int k = 0; k < believed; k++) {
            placements.merge(keys[k], places[k], (a, b) -> a | b);
        }
        for (Bytes b : sampleSets) {
            if (parameterSets.size() < MAX_PARAMETER_SETS && !parameterSets.contains(b)) {
                parameterSets.add(b);
            }
        }
    }

    /** Makes {@code n} bytes from {@code pos} available in the block; returns their index there. */
    private int ensure(long pos, int n) throws IOException {
        if (blockStart >= 0 && pos >= blockStart && pos + n <= blockStart + blockLength) {
            return (int) (pos - blockStart);
        }
        ByteBuffer bb = ByteBuffer.wrap(block, 0, (int) Math.min(BLOCK, channel.size() - pos));
        PositionalReads.readFully(channel, pos, bb);
        blockStart = pos;
        blockLength = bb.position();
        return 0;
    }

    private Bytes read(long pos, int n) throws IOException {
        return Bytes.of(PositionalReads.readFully(channel, pos, n));
    }
}

package dev.bmff.recover;

import dev.bmff.recover.match.FrameLengths;
import dev.bmff.recover.match.MediaWindow;
import dev.bmff.recover.model.CodecModel;
import dev.bmff.recover.model.TrackModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Puts the other cores to work on the media walk's costly part, the AAC frame lengths (a Huffman walk through
 * every frame). The media data is cut into regions; region {@code r} belongs to thread {@code r mod (helpers + 1)},
 * thread 0 being the main walk. A helper walks its region with a walk of its own (fresh matchers, starting
 * wherever the region starts, resynchronizing as after damage) and keeps every frame length its AAC matchers
 * parsed; when the main walk reaches that region its matchers find the lengths there instead of parsing them.
 *
 * <p>The main walk takes every decision itself, exactly as alone: only lengths pass between the threads, and a
 * frame's length is a function of the file's bytes at its position, so a length a helper found is the one the main
 * walk would have parsed. Whatever a helper's walk got wrong (it started in the middle of a sample) only costs
 * the main walk a parse. The result is byte-identical with and without helpers (AacLookaheadProperties).
 *
 * <p>Memory stays bounded: a helper works at most {@link #AHEAD} of its regions ahead of the main walk, a region
 * keeps at most {@link #MAX_ENTRIES} lengths per track, and regions the main walk has left are dropped.
 */
final class AacLookahead implements MediaWalker.Sharing, AutoCloseable {
    /** Bytes of media data per region: a few hundred audio chunks, so the threads' turns are long. */
    static final long REGION = 4L << 20;
    /** A helper walks on this far past its region, so the frames at the next region's start are known too. */
    private static final long OVERLAP = 256 << 10;
    /** Regions of each helper in flight ahead of the main walk: bounds the lengths kept. */
    private static final int AHEAD = 2;
    /** Lengths kept per track and region (12 bytes each at most twice over): 6 MiB at worst. */
    private static final int MAX_ENTRIES = 1 << 18;

    private static final int PENDING = 0;
    private static final int HELPER = 1;
    private static final int MAIN = 2;
    private static final int DONE = 3;

    private final MediaWindow window;
    private final List<TrackModel> models;
    private final long referenceBytes;
    private final RepairOptions helperOptions;
    private final long region;
    private final int regions;
    private final int stride;
    private final boolean takeOver;
    private final boolean[] aac;
    private final AtomicIntegerArray state;
    /** Per region, per track: the lengths its helper parsed; published by setting the state to DONE. */
    private final AtomicReferenceArray<LengthMap[]> tables;
    private final List<Thread> threads = new ArrayList<>();
    /** The main walk's region; written by the main walk only. */
    private volatile int mainRegion;
    private volatile boolean closed;
    /** Written and read by the main walk only. */
    private long hits;
    /** When the main walk began walking the region it is in itself (-1: a helper's), and how long its last took. */
    private long walkingSince = System.nanoTime();
    private long ownRegionNanos;

    private AacLookahead(MediaWindow window, List<TrackModel> models, long referenceBytes, RepairOptions options,
            int helpers, long region, boolean takeOver) {
        this.takeOver = takeOver;
        this.window = window;
        this.models = models;
        this.referenceBytes = referenceBytes;
        this.helperOptions = options.withProgress(ProgressListener.NONE)
                .withMaxSkipBytes(Math.min(options.maxSkipBytes(), region));
        this.region = region;
        this.regions = (int) Math.min(Integer.MAX_VALUE - 1, (window.end() - window.start() + region - 1) / region);
        this.stride = helpers + 1;
        this.aac = new boolean[models.size()];
        for (int i = 0; i < aac.length; i++) {
            aac[i] = models.get(i).codec() instanceof CodecModel.Aac;
        }
        this.state = new AtomicIntegerArray(regions);
        this.tables = new AtomicReferenceArray<>(regions);
    }

    /** Past a few helpers the main walk's own regions and the rest of its work bound it. */
    private static final int MAX_HELPERS = 7;
    /** The system property that sets the number of helpers (0: the walk alone), for benchmarks and busy hosts. */
    static final String HELPERS_PROPERTY = "bmff.repair.helpers";

    /**
     * The sharing for the walk of {@code window} with {@code models}: as many helpers as the system property
     * {@value #HELPERS_PROPERTY} asks for (none by default), when the reference has at least
     * {@link #MIN_FRAMES_PER_MIB} AAC frames per MiB when a track is AAC and the media data spans more than two
     * regions; otherwise {@link MediaWalker.Sharing#NONE}. Close it when the walk is over.
     *
     * <p>None by default: since AAC frame lengths are found by the length-only scan ({@code FrameLengthScan}, about
     * twice the full parse), a helper costs more than it saves. On an idle 2-core host the AAC-heavy repair of
     * docs/benchmarks.md took 1.48 s with one helper against 1.33 s for the walk alone (it was 0.85x the walk's
     * time with the full parse): a helper walks its regions' pictures and resynchronizes on its own, and the walk
     * still parses its own regions.
     */
    static MediaWalker.Sharing forWalk(MediaWindow window, List<TrackModel> models, long referenceBytes,
            RepairOptions options) {
        if (!worthHelpers(window, models, REGION) || aacFramesPerMebibyte(models, referenceBytes) < MIN_FRAMES_PER_MIB) {
            return MediaWalker.Sharing.NONE;
        }
        int helpers = Math.min(MAX_HELPERS, Integer.getInteger(HELPERS_PROPERTY, 0));
        return start(window, models, referenceBytes, options, helpers, REGION, true);
    }

    /**
     * As {@link #forWalk}, with {@code helpers} threads and regions of {@code region} bytes (the tests' sizes).
     *
     * @param takeOver whether the main walk parses a helper's region itself when the helper has not begun it (on a
     *     busy machine a helper may lag); without, it waits for the helper
     */
    static MediaWalker.Sharing start(MediaWindow window, List<TrackModel> models, long referenceBytes,
            RepairOptions options, int helpers, long region, boolean takeOver) {
        if (helpers < 1 || !worthHelpers(window, models, region)) {
            return MediaWalker.Sharing.NONE;
        }
        AacLookahead a = new AacLookahead(window, models, referenceBytes, options, helpers, region, takeOver);
        for (int h = 1; h <= helpers; h++) {
            int first = h;
            Thread t = new Thread(() -> a.help(first), "bmff-aac-lookahead-" + h);
            // Never interrupted (an interrupt would close the shared channel); a daemon so a failed repair exits.
            t.setDaemon(true);
            a.threads.add(t);
            t.start();
        }
        return a;
    }

    /**
     * Below this many AAC frames per MiB of the reference's media data (a few microseconds of parsing each) the
     * frames are not what the walk waits for: 1080p at 180 Mbit/s with 128 kbit/s AAC has 2, a phone's 15 Mbit/s
     * video about 25, a 256 kbit/s AAC track beside 100 kbit/s video about 1,000. Measured on the first: a helper
     * made the in-place repair of 1.1 GB take 0.67 s instead of 0.53 s.
     */
    private static final double MIN_FRAMES_PER_MIB = 200;

    private static double aacFramesPerMebibyte(List<TrackModel> models, long referenceBytes) {
        long frames = 0;
        for (TrackModel m : models) {
            if (m.codec() instanceof CodecModel.Aac) {
                frames += m.sizes().count();
            }
        }
        return frames / (Math.max(1, referenceBytes) / (double) (1 << 20));
    }

    /** A track is AAC and the media data spans more than two regions. */
    private static boolean worthHelpers(MediaWindow window, List<TrackModel> models, long region) {
        return models.stream().anyMatch(m -> m.codec() instanceof CodecModel.Aac)
                && window.end() - window.start() > 2 * region;
    }

    private int regionOf(long pos) {
        return (int) Math.min(Integer.MAX_VALUE, (pos - window.start()) / region);
    }

    /** A helper: its regions in order, each when the main walk is close enough and has not taken it. */
    private void help(int first) {
        for (int r = first; r < regions && !closed; r += stride) {
            synchronized (this) {
                while (!closed && r > mainRegion + (long) stride * AHEAD) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (closed || r < mainRegion || !state.compareAndSet(r, PENDING, HELPER)) {
                continue;
            }
            LengthMap[] maps = new LengthMap[models.size()];
            try {
                walk(r, maps);
            } catch (IOException | RuntimeException e) {
                // Whatever it kept stays good; the main walk parses the rest itself.
            } finally {
                // Published by the state: the maps are set before DONE is, and read only after DONE is seen. The
                // main walk may have taken the region over meanwhile (MAIN): then they are dropped.
                tables.set(r, maps);
                if (!state.compareAndSet(r, HELPER, DONE)) {
                    tables.set(r, null);
                }
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    /** Walks region {@code r} and a little past it, keeping every AAC frame length parsed. */
    private void walk(int r, LengthMap[] maps) throws IOException {
        long from = window.start() + r * region;
        long stopAt = Math.min(window.end(), from + region + OVERLAP);
        for (int i = 0; i < maps.length; i++) {
            if (aac[i]) {
                maps[i] = new LengthMap();
            }
        }
        MediaWalker.Sharing recording = new MediaWalker.Sharing() {
            @Override
            public FrameLengths lengths(int track) {
                LengthMap m = maps[track];
                return m == null ? FrameLengths.NONE : new FrameLengths() {
                    @Override
                    public int known(long pos) {
                        return UNKNOWN;
                    }

                    @Override
                    public void parsed(long pos, int length) {
                        m.put(pos, length);
                    }
                };
            }

            @Override
            public void reached(long pos) {
            }

            @Override
            public boolean backfills() {
                // The audio before the first picture of the region is the walk's or the previous helper's.
                return false;
            }

            @Override
            public boolean stop(long pos) {
                if (closed || pos >= stopAt || state.get(r) != HELPER) {
                    return true;
                }
                for (LengthMap m : maps) {
                    if (m != null && m.full()) {
                        return true;
                    }
                }
                return false;
            }
        };
        new MediaWalker(window.from(from), models, referenceBytes, helperOptions, recording).walk();
    }

    @Override
    public FrameLengths lengths(int track) {
        if (!aac[track]) {
            return FrameLengths.NONE;
        }
        return new FrameLengths() {
            @Override
            public int known(long pos) {
                int r = regionOf(pos);
                int n = lookup(r, track, pos);
                n = n != UNKNOWN || r == 0 ? n : lookup(r - 1, track, pos);
                if (n != UNKNOWN) {
                    hits++;
                }
                return n;
            }

            @Override
            public void parsed(long pos, int length) {
            }
        };
    }

    private int lookup(int r, int track, long pos) {
        if (r < 0 || r >= regions || state.get(r) != DONE) {
            return FrameLengths.UNKNOWN;
        }
        LengthMap[] maps = tables.get(r);
        return maps == null || maps[track] == null ? FrameLengths.UNKNOWN : maps[track].get(pos);
    }

    /**
     * The main walk reached {@code pos}: regions behind it are dropped; a helper's region it enters is waited for
     * when the helper is at work on it (its lengths are about to come) for at most a quarter of the time the walk
     * took over its own last region, taken over when the helper has not begun or takes longer (unless told not
     * to: then it waits for the helper).
     */
    @Override
    public void reached(long pos) throws IOException {
        int r = regionOf(pos);
        if (r <= mainRegion || r >= regions) {
            return;
        }
        for (int q = Math.max(0, mainRegion - 1); q < r - 1; q++) {
            tables.set(q, null);
        }
        long now = System.nanoTime();
        if (walkingSince >= 0) {
            ownRegionNanos = now - walkingSince;
        }
        walkingSince = -1;
        mainRegion = r;
        synchronized (this) {
            notifyAll();
        }
        if (r % stride == 0 || (takeOver && state.compareAndSet(r, PENDING, MAIN))) {
            walkingSince = now;
            return;
        }
        // The helper is at it: its lengths are worth a wait of a quarter of a region's walk. A helper that is
        // slower than that (a busy machine gives it little time) is not waited for: the walk takes the region.
        long deadline = now + (takeOver ? ownRegionNanos / 4 : Long.MAX_VALUE / 2);
        synchronized (this) {
            while (state.get(r) != DONE) {
                long left = deadline - System.nanoTime();
                if (left <= 0 && state.compareAndSet(r, HELPER, MAIN)) {
                    walkingSince = System.nanoTime();
                    return;
                }
                try {
                    if (left > 0) {
                        wait(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("the repair was interrupted");
                }
            }
        }
    }

    @Override
    public boolean stop(long pos) {
        return false;
    }

    /** Lengths the main walk found known instead of parsing them. */
    long hits() {
        return hits;
    }

    /** Stops the helpers (they finish the sample at hand) and waits for them. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Positions to lengths, open addressing: no boxing for the hundreds of thousands of frames of a region. */
    static final class LengthMap {
        private long[] keys = new long[1024];
        private int[] values = new int[1024];
        private int size;

        LengthMap() {
            Arrays.fill(keys, -1);
        }

        boolean full() {
            return size >= MAX_ENTRIES;
        }

        void put(long key, int value) {
            if (full()) {
                return;
            }
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int i = slot(keys, key);
            if (keys[i] != key) {
                keys[i] = key;
                size++;
            }
            values[i] = value;
        }

        int get(long key) {
            int i = slot(keys, key);
            return keys[i] == key ? values[i] : FrameLengths.UNKNOWN;
        }

        private static int slot(long[] keys, long key) {
            int mask = keys.length - 1;
            int i = (int) (mix(key) & mask);
            while (keys[i] != -1 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private static long mix(long k) {
            k *= 0x9E3779B97F4A7C15L;
            return k ^ (k >>> 29);
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            Arrays.fill(keys, -1);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != -1) {
                    int j = slot(keys, oldKeys[i]);
                    keys[j] = oldKeys[i];
                    values[j] = oldValues[i];
                }
            }
        }
    }
}

package dev.bmff.recover;

import dev.bmff.recover.match.FrameLengths;
import dev.bmff.recover.match.Match;
import dev.bmff.recover.match.MediaWindow;
import dev.bmff.recover.match.SampleMatcher;
import dev.bmff.recover.model.CodecModel;
import dev.bmff.recover.model.TrackModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks the broken media data from start to end. At each position the tracks are asked in the order a muxer
 * interleaves them (smallest next decode time first, which is how ffmpeg and most recorders write; equal times in
 * track order), and the first that recognizes a sample takes it. Where none does, the bytes are skipped until one
 * recognizes a strong sample start; the skipped range goes to the report.
 */
final class MediaWalker {
    private static final long PROGRESS_STEP = 256 << 10;
    /**
     * At most how far before a picture found by the quick scan other tracks' samples are looked for, byte by byte
     * (each byte costs a full audio frame parse, so this is kept to what the reference's chunks need).
     */
    private static final long MAX_BACKFILL = 64 << 10;
    private static final long MIN_BACKFILL = 4 << 10;
    private static final int SCAN_WINDOW = 1 << 20;
    private static final int ZERO_SCAN = 64 << 10;
    /** Zero runs at least this long are skipped as zero fill, on their own ({@link #walk}). */
    private static final int MIN_ZERO_RUN = 8;
    /** Metadata tracks with fewer reference samples than this may take only their share ({@link #share}). */
    private static final long SPARSE = 8;
    /** The most other tracks' samples {@link #fillStart} chains to fill the bytes after a sample without a length. */
    private static final int MAX_FILL_SAMPLES = 64;

    private final MediaWindow window;
    private final List<TrackModel> models;
    private final List<SampleMatcher> matchers;
    private final List<RecoveredTrack> found = new ArrayList<>();
    private final List<SkippedRange> skipped = new ArrayList<>();
    private final RepairOptions options;
    private final SampleMatcher.StartCheck startCheck;
    private final MediaWindow verify;
    /** Reads ahead for zero runs, so the small {@link #verify} buffer stays small. */
    private final MediaWindow zeroScan;
    /** Where {@link #fillStart} reads, so the window of the matcher that asks stays as it is. */
    private final MediaWindow fill;
    /** The matchers {@link #fillStart} tries: tracks without a strong signature whose samples are signed. */
    private final List<SampleMatcher> fillers = new ArrayList<>();
    /** The largest reference sample of the {@link #fillers}' tracks: what a cut one at the end may leave. */
    private long fillerMaxSample;
    /** The track whose matcher the walk is asking (for {@link #fillStart}'s timing), -1 when none. */
    private int asking = -1;
    private final long backfill;
    private final long referenceBytes;
    private final Sharing sharing;

    /**
     * What a walk shares with the walks of other threads ({@link AacLookahead}): the AAC frame lengths each track's
     * matcher may know before it parses, where the walk has come, and where a helper's walk stops.
     */
    interface Sharing extends AutoCloseable {
        /** Nothing shared: the walk of the whole media data on one thread. */
        Sharing NONE = new Sharing() {
            @Override
            public FrameLengths lengths(int track) {
                return FrameLengths.NONE;
            }

            @Override
            public void reached(long pos) {
            }

            @Override
            public boolean stop(long pos) {
                return false;
            }
        };

        FrameLengths lengths(int track);

        /** The walk is at {@code pos} (it only goes forward). */
        void reached(long pos) throws IOException;

        /** Whether the walk ends at {@code pos}, a sample boundary, before the end of the data. */
        boolean stop(long pos);

        /**
         * Whether a resynchronization tries the bytes before the picture it found for audio (the repair's walk);
         * a helper that starts in the middle of its region needs only the samples from the first picture on.
         */
        default boolean backfills() {
            return true;
        }

        /** The walk is over: threads started for it stop. */
        @Override
        default void close() {
        }
    }

    MediaWalker(MediaWindow window, List<TrackModel> models, long referenceBytes, RepairOptions options)
            throws IOException {
        this(window, models, referenceBytes, options, Sharing.NONE);
    }

    MediaWalker(MediaWindow window, List<TrackModel> models, long referenceBytes, RepairOptions options,
            Sharing sharing) throws IOException {
        this.sharing = sharing;
        this.window = window;
        this.models = models;
        this.referenceBytes = Math.max(1, referenceBytes);
        this.options = options;
        this.verify = window.sibling(16 << 10);
        this.zeroScan = window.sibling(ZERO_SCAN);
        this.fill = window.sibling(16 << 10);
        this.matchers = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            found.add(new RecoveredTrack());
            matchers.add(Matchers.of(models.get(i), models, predictedPackets(i), share(i), sharing.lengths(i)));
        }
        for (int i = 0; i < matchers.size(); i++) {
            SampleMatcher m = matchers.get(i);
            if (!m.isStrong() && m.signed()) {
                fillers.add(m);
                fillerMaxSample = Math.max(fillerMaxSample, models.get(i).sizes().max());
            }
        }
        this.backfill = backfill(models);
        this.startCheck = new SampleMatcher.StartCheck() {
            @Override
            public boolean startsAt(long pos) throws IOException {
                return check(pos, false);
            }

            @Override
            public boolean strongStartAt(long pos) throws IOException {
                return check(pos, true);
            }

            @Override
            public boolean signedStartAt(long pos) throws IOException {
                return check(window, pos, false, false);
            }

            @Override
            public boolean confirmedStrongStartAt(long pos) throws IOException {
                return confirmedStrong(pos, this);
            }

            @Override
            public long fillStart(long from, long to) throws IOException {
                return MediaWalker.this.fillStart(from, to);
            }
        };
    }

    /**
     * Where a sample without a length (an MPEG-4 Part 2 VOP) at {@code from} ends when the samples of the
     * {@link #fillers} (audio) follow it up to {@code to}, its track's next sample: of the positions from which those
     * samples, each whole, fill the bytes to {@code to} exactly, the one whose count of samples is nearest to what
     * the timing predicts (the samples due before the asking track's next one, as a muxer interleaves by time), the
     * last among equals; {@code to} when none fills. Random VOP bytes now and then parse as an audio frame that runs
     * into the first real one and ends where it does: that chain has the real one's count, but starts earlier.
     */
    private long fillStart(long from, long to) throws IOException {
        if (fillers.isEmpty()) {
            return pcmFillStart(from, to);
        }
        SampleMatcher.StartCheck within = new SampleMatcher.StartCheck() {
            @Override
            public boolean startsAt(long pos) throws IOException {
                if (pos == to) {
                    return true;
                }
                for (SampleMatcher m : fillers) {
                    if (pos < to && m.startsHere(fill, pos)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public boolean strongStartAt(long pos) {
                return pos == to;
            }
        };
        // Before the end of the data the muxer flushed whatever was left: as many as fill it.
        boolean atEnd = to == window.end();
        long expected = atEnd ? MAX_FILL_SAMPLES : dueBeforeNext(asking);
        long best = to;
        long bestMiss = Long.MAX_VALUE;
        // The gap holds at most the predicted samples and a few more, each at most the largest the reference has:
        // the VOP's own bytes before that are not tried (each try is an audio frame parse).
        long span = (Math.min(MAX_FILL_SAMPLES, expected) + 2) * fillerMaxSample;
        for (long p = Math.max(from, to - span); p < to; p++) {
            int count = fills(p, to, within, 0, atEnd);
            // Ties go to the later start: a false frame in the VOP's last bytes that runs into the first real one
            // and ends where it does makes a chain of the same count that starts earlier.
            if (count > 0 && Math.abs(count - expected) <= bestMiss) {
                best = p;
                bestMiss = Math.abs(count - expected);
            }
        }
        return best;
    }

    /**
     * With one PCM track and no signed audio: PCM has no signature to chain, so the packets the timing predicts
     * before the asking track's next sample (a muxer that interleaves by time writes exactly those) end at
     * {@code to}; {@code to} when there is no such single PCM track or the VOP would be left without bytes.
     */
    private long pcmFillStart(long from, long to) {
        int pcm = -1;
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).codec() instanceof CodecModel.Pcm) {
                if (pcm >= 0) {
                    return to;
                }
                pcm = i;
            }
        }
        if (pcm < 0 || asking < 0 || to == window.end()) {
            return to;
        }
        TrackModel v = models.get(asking);
        TrackModel a = models.get(pcm);
        CodecModel.Pcm format = (CodecModel.Pcm) a.codec();
        double next = ((found.get(asking).frames() + 1) * (double) v.sampleDuration() - v.presentationStart())
                / v.timescale();
        double frames = (next - nextTime(pcm)) * a.timescale();
        double framesPerPacket = (double) format.packetBytes() / format.format().bytesPerFrame();
        long packets = Math.max(0, (long) Math.ceil(frames / framesPerPacket - 1e-9));
        long start = to - packets * format.packetBytes();
        return start > from ? start : to;
    }

    /**
     * How many samples of the {@link #fillers}' tracks are due before track {@code t}'s sample after the one it is
     * taking: those whose decode time is before that sample's.
     */
    private long dueBeforeNext(int t) {
        if (t < 0) {
            return 1;
        }
        TrackModel v = models.get(t);
        double next = ((found.get(t).frames() + 1) * (double) v.sampleDuration() - v.presentationStart())
                / v.timescale();
        long due = 0;
        for (int i = 0; i < models.size(); i++) {
            TrackModel m = models.get(i);
            if (fillers.contains(matchers.get(i)) && m.sampleDuration() > 0) {
                double gap = next - nextTime(i);
                due += Math.max(0, (long) Math.ceil(gap * m.timescale() / m.sampleDuration() - 1e-9));
            }
        }
        return Math.max(1, due);
    }

    /**
     * How many samples of the fillers fill {@code [pos, to)} exactly, one after another (0: none do); with
     * {@code cutTail}, the last may be one the end of the data cuts (fewer bytes than the fillers' largest reference
     * sample, where no whole one starts).
     */
    private int fills(long pos, long to, SampleMatcher.StartCheck within, int depth, boolean cutTail)
            throws IOException {
        if (pos == to) {
            return depth;
        }
        if (depth >= MAX_FILL_SAMPLES) {
            return 0;
        }
        for (SampleMatcher m : fillers) {
            Match x = m.match(fill, pos, within, false);
            if (x != null && pos + x.length() <= to) {
                int n = fills(pos + x.length(), to, within, depth + 1, cutTail);
                if (n > 0) {
                    return n;
                }
            }
        }
        return cutTail && depth > 0 && to - pos < fillerMaxSample ? depth : 0;
    }

    /**
     * Twice the bytes of the largest chunk of each track without a quick test (audio) in the reference, summed,
     * between {@link #MIN_BACKFILL} and {@link #MAX_BACKFILL}: the audio a muxer writes just before a picture.
     */
    private static long backfill(List<TrackModel> models) {
        long sum = 0;
        for (TrackModel m : models) {
            if (!m.isVideo()) {
                sum += Math.max(1, m.maxSamplesPerChunk()) * Math.max(1, m.sizes().max());
            }
        }
        return Math.max(MIN_BACKFILL, Math.min(MAX_BACKFILL, 2 * sum));
    }

    /** A strong sample at {@code pos} (not the end of the data) that another sample or the end follows. */
    private boolean confirmedStrong(long pos, SampleMatcher.StartCheck self) throws IOException {
        if (pos >= window.end()) {
            return false;
        }
        for (SampleMatcher m : matchers) {
            if (m.isStrong() && m.startsHere(window, pos)) {
                Match s = m.match(window, pos, self, true);
                if (s != null && check(pos + s.length(), false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean check(long pos, boolean strongOnly) throws IOException {
        return check(window, pos, strongOnly);
    }

    private boolean check(MediaWindow w, long pos, boolean strongOnly) throws IOException {
        if (pos == w.end()) {
            return !strongOnly;
        }
        for (SampleMatcher m : matchers) {
            if ((!strongOnly || m.isStrong()) && m.startsHere(w, pos)) {
                return true;
            }
        }
        if (strongOnly) {
            return false;
        }
        // A sample without a signature (a timecode) starts here when a signed one follows it (not the end of the
        // data: any few bytes before a cut would pass).
        for (SampleMatcher m : matchers) {
            for (long length : m.unsignedLengths(w, pos)) {
                long after = pos + length;
                if (after < w.end() && check(w, after, false, false)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a signed sample of any track starts at {@code pos} (or the data ends there): one level only. */
    private boolean check(MediaWindow w, long pos, boolean strongOnly, boolean chain) throws IOException {
        if (chain) {
            return check(w, pos, strongOnly);
        }
        if (pos == w.end()) {
            return !strongOnly;
        }
        for (SampleMatcher m : matchers) {
            if ((!strongOnly || m.isStrong()) && m.startsHere(w, pos)) {
                return true;
            }
        }
        return false;
    }

    List<RecoveredTrack> found() {
        return found;
    }

    List<SkippedRange> skipped() {
        return skipped;
    }

    void walk() throws IOException {
        long pos = window.start();
        long end = window.end();
        int last = -1;
        long nextProgress = pos;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            order.add(i);
        }
        while (pos < end) {
            if (pos >= nextProgress) {
                options.progress().progress(pos - window.start(), end - window.start());
                nextProgress = pos + PROGRESS_STEP;
            }
            sharing.reached(pos);
            if (sharing.stop(pos)) {
                break;
            }
            // Equal times in track order, as libavformat's interleaver breaks ties by stream index: a sort that kept
            // the last order would ask the track that just took a sample first among equals, and tracks of one codec
            // (OBS's audio tracks) would take each other's samples.
            order.sort(Comparator.comparingDouble(this::nextTime).thenComparingInt(t -> t));
            int track = -1;
            Match match = null;
            for (int t : order) {
                SampleMatcher m = matchers.get(t);
                asking = t;
                Match candidate = m.match(window, pos, startCheck, false);
                if (candidate == null || (m.isStrong() && zeroFilled(pos + candidate.length()))) {
                    continue;
                }
                // Any 4 bytes are a timecode, and a metadata sample of boxes may hold the first box of another
                // track's sample (each iPhone mebx track numbers its keys from 1): a signed sample of a track asked
                // later, confirmed by what follows it, is the better answer.
                boolean weak = !m.signed() || (models.get(t).codec() instanceof CodecModel.Metadata
                        && !check(pos + candidate.length(), false));
                if (match == null && weak) {
                    match = candidate;
                    track = t;
                    continue;
                }
                if (match != null && (weak || !check(pos + candidate.length(), false))) {
                    continue;
                }
                match = candidate;
                track = t;
                break;
            }
            if (match == null) {
                for (int t : order) {
                    match = matchers.get(t).unconfirmed(window, pos);
                    if (match != null) {
                        track = t;
                        break;
                    }
                }
            }
            if (match != null) {
                match = matchers.get(track).commit(match);
                found.get(track).add(pos, match, track != last);
                pos += match.length();
                last = track;
                continue;
            }
            if (zeroRunEnd(pos, end) - pos >= MIN_ZERO_RUN) {
                pos = skipZeros(pos, order);
                last = -1;
                continue;
            }
            long resume = resync(pos + 1, order);
            // Zeros before where the walk resumes (padding, or space preallocated after a cut sample) are skipped on
            // their own, to wherever they end: only the bytes before them are unrecognized.
            long zeros = trailingZeros(pos + 1, resume);
            if (resume - zeros >= MIN_ZERO_RUN && zeros - pos <= options.maxSkipBytes()) {
                skipped.add(skippedRange(pos, zeros));
                pos = skipZeros(zeros, order);
                last = -1;
                continue;
            }
            boolean gaveUp = resume - pos > options.maxSkipBytes() && resume < end;
            if (gaveUp) {
                skipped.add(new SkippedRange(pos, end - pos, "no sample found within " + options.maxSkipBytes()
                        + " bytes: gave up on the rest", SkippedRange.Cause.GAVE_UP));
                break;
            }
            skipped.add(skippedRange(pos, resume));
            pos = resume;
            last = -1;
        }
        options.progress().progress(end - window.start(), end - window.start());
    }

    /** Why the bytes {@code [from, to)} were skipped: zeros, a sample the end cuts, or unrecognized data. */
    private SkippedRange skippedRange(long from, long to) throws IOException {
        long length = to - from;
        if (allZero(from, to)) {
            return new SkippedRange(from, length, "zero bytes (space preallocated and never written, or padding)",
                    SkippedRange.Cause.ZERO_FILL);
        }
        // Zeros to the end are space preallocated and never written: the data ends where they start.
        boolean atEnd = to == window.end() || zeroRunEnd(to, window.end()) == window.end();
        if (atEnd && check(from, false)) {
            return new SkippedRange(from, length, "a sample cut by the end of the media data",
                    SkippedRange.Cause.CUT_SAMPLE);
        }
        return new SkippedRange(from, length, atEnd
                ? "incomplete sample or unrecognized data at the end of the media data"
                : "unrecognized data (no track's sample starts here)");
    }

    /** The first non-zero byte at or after {@code from} (before {@code limit}), or {@code limit}. */
    private long zeroRunEnd(long from, long limit) throws IOException {
        for (long p = from; p < limit; ) {
            int n = zeroScan.ensure(p, (int) Math.min(ZERO_SCAN, limit - p));
            byte[] a = zeroScan.array();
            int at = zeroScan.index(p);
            for (int i = 0; i < n; i++) {
                if (a[at + i] != 0) {
                    return p + i;
                }
            }
            p += n;
        }
        return limit;
    }

    /** Where the zero bytes that end at {@code to} start (not before {@code from}); {@code to} when none do. */
    private long trailingZeros(long from, long to) throws IOException {
        long p = to;
        while (p > from) {
            long blockStart = Math.max(from, p - ZERO_SCAN);
            int n = zeroScan.ensure(blockStart, (int) (p - blockStart));
            byte[] a = zeroScan.array();
            int at = zeroScan.index(blockStart);
            for (int i = n - 1; i >= 0; i--) {
                if (a[at + i] != 0) {
                    return blockStart + i + 1;
                }
            }
            p = blockStart;
        }
        return from;
    }

    /**
     * Skips the zeros at {@code pos} (padding between chunks, or space preallocated and never written) whole,
     * whatever their length (they are no damage: the skip limit does not apply), and looks for the chunk after them
     * where they end, up to a few bytes before the first non-zero one (a NAL length starts with zeros).
     *
     * @return where the walk goes on
     */
    private long skipZeros(long pos, List<Integer> order) throws IOException {
        long end = window.end();
        long zeros = zeroRunEnd(pos, end);
        long next = zeros == end ? end : tryEveryByte(Math.max(pos + 1, zeros - MIN_ZERO_RUN + 1), zeros, order);
        skipped.add(new SkippedRange(pos, next - pos, "zero bytes (space preallocated and never written, or"
                + " padding)", SkippedRange.Cause.ZERO_FILL));
        return next;
    }

    /**
     * Whether a picture that ends at {@code end} was cut by a crash and its last unit filled by the zeros that
     * followed (preallocated space): its last byte is 0 (a NAL unit ends in its stop bit, never in a zero byte, short
     * of the rare cabac_zero_words) and zeros follow. The unit's length, read before the cut, reached into them.
     */
    private boolean zeroFilled(long end) throws IOException {
        if (end >= window.end() || zeroScan.ensure(end - 1, 1) < 1
                || zeroScan.array()[zeroScan.index(end - 1)] != 0) {
            return false;
        }
        return zeroRunEnd(end, Math.min(window.end(), end + 4)) == Math.min(window.end(), end + 4);
    }

    private boolean allZero(long from, long to) throws IOException {
        return zeroRunEnd(from, to) == to;
    }

    /**
     * The next position from {@code from} where a strong sample start is, or the end (or past the skip limit).
     * Tracks with a cheap byte test (video: a plausible NAL length and header) are scanned for first, a window at
     * a time, confirming only the candidates; then the bytes just before the picture found are tried byte by byte
     * for any track, since an audio chunk usually comes right before it. Without such a track, every byte is tried.
     */
    private long resync(long from, List<Integer> order) throws IOException {
        long end = window.end();
        long limit = Math.min(end, from + options.maxSkipBytes());
        List<SampleMatcher> quick = new ArrayList<>();
        for (SampleMatcher m : matchers) {
            if (m.isStrong() && m.quickCheckBytes() > 0) {
                quick.add(m);
            }
        }
        if (quick.isEmpty()) {
            return tryEveryByte(from, limit, order);
        }
        long picture = scan(from, limit, quick);
        return sharing.backfills() ? tryEveryByte(Math.max(from, picture - backfill), picture, order) : picture;
    }

    private long scan(long from, long limit, List<SampleMatcher> quick) throws IOException {
        int need = 0;
        for (SampleMatcher m : quick) {
            need = Math.max(need, m.quickCheckBytes());
        }
        long p = from;
        while (p < limit) {
            int n = window.ensure(p, SCAN_WINDOW);
            int last = (int) Math.min(n - need, limit - 1 - p);
            if (n < need) {
                // The last few bytes of the data: too short for the quick test, tried in full.
                for (; p < limit; p++) {
                    for (SampleMatcher m : quick) {
                        if (m.match(window, p, startCheck, true) != null) {
                            return p;
                        }
                    }
                }
                return limit;
            }
            byte[] a = window.array();
            int base = window.index(p);
            int at = base;
            int to = base + last + 1;
            while (at < to) {
                int best = -1;
                SampleMatcher bestMatcher = null;
                for (SampleMatcher m : quick) {
                    int c = m.nextCandidate(a, at, best < 0 ? to : best);
                    if (c >= 0 && (best < 0 || c < best)) {
                        best = c;
                        bestMatcher = m;
                    }
                }
                if (best < 0) {
                    break;
                }
                long candidate = p + (best - base);
                if (confirmed(bestMatcher, candidate)) {
                    return candidate;
                }
                // Two video tracks of one codec share the quick test: the picture may be the other's.
                for (SampleMatcher m : quick) {
                    if (m != bestMatcher && m.nextCandidate(a, best, best + 1) == best && confirmed(m, candidate)) {
                        return candidate;
                    }
                }
                at = best + 1;
            }
            p += last + 1;
        }
        return limit;
    }

    /**
     * A candidate from the quick scan is a picture whose end is followed by another track's sample or the end of
     * the data: random bytes pass a slice header parse now and then, but hardly ever twice in a row. Checked in a
     * second window so the scanned stretch stays in memory.
     */
    private boolean confirmed(SampleMatcher m, long pos) throws IOException {
        asking = matchers.indexOf(m);
        Match match = m.match(verify, pos, startCheck, true);
        return match != null && check(verify, pos + match.length(), false);
    }

    /**
     * The first position in {@code [from, limit)} where a track's sample starts, or {@code limit}. A picture must be
     * confirmed as the quick scan's candidates are (a video match alone is any valid slice header).
     */
    private long tryEveryByte(long from, long limit, List<Integer> order) throws IOException {
        for (long p = from; p < limit; p++) {
            for (int t : order) {
                SampleMatcher m = matchers.get(t);
                if (m.isStrong() ? confirmed(m, p) : m.match(window, p, startCheck, true) != null) {
                    return p;
                }
            }
        }
        return limit;
    }

    /** The decode time of the track's next sample in seconds, shifted like the muxer saw it (edit list start). */
    private double nextTime(int t) {
        TrackModel m = models.get(t);
        RecoveredTrack r = found.get(t);
        return (r.frames() * (double) m.sampleDuration() - m.presentationStart()) / m.timescale();
    }

    /**
     * For a metadata track the reference holds few samples of (a timecode, a description): whether it may take
     * another at a position, at most twice its share of the reference's samples for the media walked so far, plus
     * two; one, for a track whose one sample lasts the whole reference (a timecode). Its signature is weak (a
     * timecode is any 4 bytes), so more would be guesses.
     */
    private java.util.function.LongPredicate share(int t) {
        TrackModel m = models.get(t);
        if (!(m.codec() instanceof CodecModel.Metadata) || m.sizes().count() >= SPARSE) {
            return pos -> true;
        }
        if (m.spansMovie()) {
            // One sample lasting the whole track (a timecode): never a second, whatever 4 bytes look like one.
            return pos -> found.get(t).count() < 1;
        }
        return pos -> found.get(t).count() < 2 + 2.0 * m.sizes().count() * (pos - window.start()) / referenceBytes;
    }

    /** For PCM: how many packets the muxer wrote before the next sample of another track is due. */
    private java.util.function.LongSupplier predictedPackets(int t) {
        return () -> {
            TrackModel m = models.get(t);
            if (!(m.codec() instanceof CodecModel.Pcm pcm)) {
                return 1;
            }
            double others = Double.MAX_VALUE;
            for (int i = 0; i < models.size(); i++) {
                // Untimed samples (duration 0, GoPro's SOS) are due all the time: they say nothing here.
                if (i != t && !(models.get(i).codec() instanceof CodecModel.Pcm)
                        && models.get(i).sampleDuration() > 0) {
                    others = Math.min(others, nextTime(i));
                }
            }
            if (others == Double.MAX_VALUE) {
                return pcm.maxPackets();
            }
            double framesPerPacket = (double) pcm.packetBytes() / pcm.format().bytesPerFrame();
            double frames = (others - nextTime(t)) * m.timescale();
            return Math.max(1, (long) Math.ceil(frames / framesPerPacket));
        };
    }
}

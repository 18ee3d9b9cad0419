package dev.bmff.recover.match;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import dev.bmff.recover.model.NalVocabulary;
import java.io.IOException;

/**
 * The part of H.264 and HEVC matching that only knows length-prefixed NAL units: a sample is a run of NAL
 * units with valid headers and lengths that fit, holding at least one slice; it ends before the unit that
 * starts the next picture, or before bytes that are no NAL unit (another track's sample, or the end).
 * Only NAL headers and the first slice header are read, so a picture of any size costs a few small reads.
 */
abstract class NalPictureMatcher implements SampleMatcher {
    /** Enough for any slice header we parse (the parsers unescape at most about 1 KiB). */
    private static final int SLICE_HEADER_BYTES = 1100;
    /** What nearly every slice header fits in (the first try). */
    private static final int SLICE_HEADER_PROBE = 96;

    private final int lengthSize;
    private final int headerSize;
    private final long maxSampleSize;
    private final Attribution attribution;
    /** The reference's pictures were one base-layer slice each ({@link NalVocabulary#oneSlicePerPicture}). */
    private final boolean oneSlicePerPicture;
    /** The quick scan for a 4-byte length below 16 MiB and a NAL header; null for other length sizes. */
    private final PatternScanner nalStart;

    /** {@code 00 xx xx xx} (a 4-byte length below 16 MiB), then a NAL header byte with forbidden_zero_bit 0. */
    static final BytePattern NAL_START_PATTERN = BytePattern.parse("length-prefixed NAL start",
            "00 00 00 00 00", "ff 00 00 00 80");
    /** The largest AUD, parameter set or SEI unit the quick scan believes opens a picture. */
    private static final long MAX_NON_SLICE_START = 64 << 10;
    private static final PatternScanner NAL_START = PatternScanner.of(NAL_START_PATTERN);

    NalPictureMatcher(int lengthSize, int headerSize, long maxSampleSize, Attribution attribution,
            boolean oneSlicePerPicture) {
        this.oneSlicePerPicture = oneSlicePerPicture;
        this.lengthSize = lengthSize;
        this.headerSize = headerSize;
        this.maxSampleSize = maxSampleSize;
        this.attribution = attribution;
        this.nalStart = lengthSize == 4 && maxSampleSize < (1L << 24) ? NAL_START : null;
    }

    /**
     * How a NAL unit's header classifies it: a slice; a unit that opens a picture (PICTURE_START: AUD, parameter
     * sets; PREFIX: prefix SEI) and so ends the one before; a unit that trails a picture (SUFFIX: suffix SEI,
     * filler, end of sequence, a Dolby Vision RPU); or, learned from a reference that shows it both before a
     * picture's first slice and between its slices (an H.264 prefix NAL unit), one that belongs to the slice
     * after it (ATTACHED): to the next picture if that slice starts one, else to this picture.
     */
    enum Kind { INVALID, SLICE, PREFIX, PICTURE_START, SUFFIX, ATTACHED }

    /**
     * The kind of a unit whose textbook classification is {@code textbook} given where the reference showed it
     * ({@code placement}, a mask of {@link NalVocabulary#LEADING}, {@link NalVocabulary#BETWEEN} and
     * {@link NalVocabulary#TRAILING}; 0 when never seen). Units never seen keep their textbook kind (an unknown
     * one stays invalid, which is what resynchronisation relies on); a slice and a trailing unit keep theirs; a
     * unit of a kind that opens pictures but that the reference shows only after the slices trails them; one it
     * shows between slices is attached to the slice after it.
     */
    static Kind learned(Kind textbook, int placement) {
        int where = placement & (NalVocabulary.LEADING | NalVocabulary.BETWEEN | NalVocabulary.TRAILING);
        if (where == 0 || textbook == Kind.SLICE || textbook == Kind.SUFFIX) {
            return textbook;
        }
        if (textbook != Kind.INVALID && where == NalVocabulary.LEADING) {
            return textbook;
        }
        if (where == NalVocabulary.TRAILING) {
            return Kind.SUFFIX;
        }
        return where == NalVocabulary.LEADING ? Kind.PREFIX : Kind.ATTACHED;
    }

    /**
     * When pictures must show in-band parameter sets of their own: only where two video tracks share a codec, so
     * a picture goes to the track whose parameter sets decode it (the matcher of a track that always carried them
     * in the reference refuses a picture without them, and every matcher refuses in-band sets it does not know).
     */
    enum Attribution {
        /** One video track of this codec: in-band parameter sets are not checked. */
        NONE,
        /** In-band sets must be the track's own; none are required. */
        CHECK,
        /** In-band sets must be the track's own, and every keyframe carries them. */
        KEYFRAMES,
        /** In-band sets must be the track's own, and every picture carries them. */
        ALL;

        boolean accepts(boolean keyframe, boolean inBandSets) {
            return inBandSets || this == NONE || this == CHECK || (this == KEYFRAMES && !keyframe);
        }

        /** The attribution for a track that shares its codec with another video track ({@code shared}). */
        static Attribution of(boolean shared, NalVocabulary v) {
            if (!shared) {
                return NONE;
            }
            return v.parameterSetsInEverySample() ? ALL : v.parameterSetsInEverySyncSample() ? KEYFRAMES : CHECK;
        }
    }

    /** Whether the unit whose header is at {@code data[i]} is a parameter set checked for attribution. */
    abstract boolean parameterSet(byte[] data, int i);

    /** Whether the in-band parameter set {@code nal} (header included) is not one this track knows. */
    abstract boolean foreignParameterSet(byte[] nal);

    /** Classifies the NAL unit whose header bytes are {@code data[i..]} ({@code headerSize} available). */
    abstract Kind classify(byte[] data, int i);

    /**
     * Parses the first slice header of a picture ({@code nal} holds a prefix of the NAL unit).
     *
     * @return codec state for {@link #commit}, or null when the slice does not start a picture
     */
    abstract Object firstSlice(byte[] nal) throws BitstreamException;

    /** True when the slice NAL unit {@code nal} (a prefix) begins a new picture. */
    abstract boolean startsPicture(byte[] nal) throws BitstreamException;

    /** Whether the picture whose first slice gave {@code state} is a keyframe. */
    abstract boolean keyframe(Object state);

    /**
     * The last two answers of {@link #match}: a picture is matched when the walk reaches it and before that to
     * confirm the sample before it ({@link #startsHere}); the answer depends only on the bytes the window shows
     * (positions are absolute offsets; the same source and end show the same bytes), not on the decoding state.
     * The end is part of the key: a caller that bounds a window to test where a frame ends (the RSV GOP
     * parser) must not be answered from a wider window.
     */
    private final long[] memoPos = {-1, -1};
    private final long[] memoEnd = {-1, -1};
    private final Object[] memoSource = new Object[2];
    private final Match[] memoMatch = new Match[2];
    private int memoNext;

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        for (int i = 0; i < 2; i++) {
            if (memoPos[i] == pos && memoEnd[i] == w.end() && memoSource[i] == w.source()) {
                return memoMatch[i];
            }
        }
        Match m = picture(w, pos);
        memoPos[memoNext] = pos;
        memoEnd[memoNext] = w.end();
        memoSource[memoNext] = w.source();
        memoMatch[memoNext] = m;
        memoNext ^= 1;
        return m;
    }

    /**
     * The slice header of the NAL unit of {@code len} bytes whose payload starts at {@code at}: first the
     * {@link #SLICE_HEADER_PROBE} bytes that hold nearly every header, and only if they do not parse all of
     * {@link #SLICE_HEADER_BYTES}. A header parsed from a prefix is the one parsed from more bytes (the parsers
     * read forward only), so the answer is the same as reading them all, at a tenth of the unescaping.
     */
    private <T> T sliceHeader(MediaWindow w, long at, long len, SliceParse<T> parse) throws IOException {
        if (len > SLICE_HEADER_PROBE) {
            try {
                return parse.apply(w.copy(at, SLICE_HEADER_PROBE));
            } catch (BitstreamException e) {
                // Too short, or not a slice header at all: decided on every byte.
            }
        }
        return parse.apply(w.copy(at, (int) Math.min(len, SLICE_HEADER_BYTES)));
    }

    private interface SliceParse<T> {
        T apply(byte[] nal) throws BitstreamException;
    }

    private Match picture(MediaWindow w, long pos) throws IOException {
        long end = w.end();
        long p = pos;
        Object first = null;
        // Where the units since the last slice began when they may belong to the next picture (ATTACHED units):
        // the next slice decides.
        long boundary = -1;
        boolean inBandSets = false;
        long stop = -1;
        while (p < end) {
            if (w.ensure(p, lengthSize + headerSize) < lengthSize + headerSize) {
                break;
            }
            long len = w.bigEndian(p, lengthSize);
            if (len < headerSize || len > maxSampleSize) {
                break;
            }
            int header = w.index(p + lengthSize);
            Kind kind = classify(w.array(), header);
            if (kind == Kind.INVALID) {
                break;
            }
            if (p + lengthSize + len > end) {
                // A unit the end of the data cuts: the picture is whole only if that unit opens the next one.
                if (first != null && !opensNext(w, p, len, kind)) {
                    return null;
                }
                stop = boundary >= 0 ? boundary : p;
                break;
            }
            if (first != null && (kind == Kind.PICTURE_START || kind == Kind.PREFIX)) {
                // An access unit delimiter, a parameter set, SEI and the like after a slice open the next picture.
                stop = boundary >= 0 ? boundary : p;
                break;
            }
            if (first == null && attribution != Attribution.NONE && parameterSet(w.array(), header)) {
                inBandSets = true;
                if (foreignParameterSet(w.copy(p + lengthSize, (int) Math.min(len, MAX_NON_SLICE_START)))) {
                    return null;
                }
            }
            if (kind == Kind.SLICE) {
                try {
                    if (first == null) {
                        first = sliceHeader(w, p + lengthSize, len, this::firstSlice);
                        if (first == null || !attribution.accepts(keyframe(first), inBandSets)) {
                            return null;
                        }
                    } else if (sliceHeader(w, p + lengthSize, len, this::startsPicture)) {
                        stop = boundary >= 0 ? boundary : p;
                        break;
                    } else {
                        // Another slice of this picture: the units before it were this picture's.
                        boundary = -1;
                    }
                } catch (BitstreamException e) {
                    if (first == null) {
                        return null;
                    }
                    stop = boundary >= 0 ? boundary : p;
                    break;
                }
            } else if (first != null) {
                if (kind == Kind.ATTACHED && boundary < 0) {
                    boundary = p;
                } else if (kind == Kind.SUFFIX) {
                    // Units that trail a picture: the ones before them were this picture's too.
                    boundary = -1;
                }
            }
            p += lengthSize + len;
            if (p - pos > maxSampleSize) {
                return null;
            }
        }
        if (first == null) {
            return null;
        }
        // Units with no slice after them (the data ends, or another track's sample follows) end this picture.
        return Match.of((stop >= 0 ? stop : p) - pos, keyframe(first), first);
    }

    /**
     * Whether the unit at {@code p} that the end of the data cuts belongs to the next picture (so the picture before
     * it is whole): a picture start or prefix does, a slice does when its header says it starts a picture.
     */
    private boolean opensNext(MediaWindow w, long p, long len, Kind kind) throws IOException {
        if (kind == Kind.PICTURE_START || kind == Kind.PREFIX) {
            return true;
        }
        if (kind != Kind.SLICE) {
            return false;
        }
        long available = w.end() - (p + lengthSize);
        if (available <= headerSize) {
            // Not one byte of its header: only the reference can say. Where its pictures were one slice each, a
            // slice after a whole one opens the next picture.
            return oneSlicePerPicture;
        }
        try {
            return sliceHeader(w, p + lengthSize, Math.min(len, available), this::startsPicture);
        } catch (BitstreamException e) {
            // The header itself is cut. Its first bit still says whether the slice starts a picture (H.264
            // first_mb_in_slice 0, HEVC first_slice_segment_in_pic_flag 1), as the quick scan reads it.
            if (w.ensure(p + lengthSize + headerSize, 1) < 1) {
                return false;
            }
            return (w.array()[w.index(p + lengthSize + headerSize)] & 0x80) != 0;
        }
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        // The units before a picture's first slice (AUD, parameter sets, SEI) are walked; a unit the end of the data
        // cuts cannot be checked further (a picture cut by the end); otherwise a whole picture is required.
        long p = pos;
        while (w.ensure(p, lengthSize + headerSize) >= lengthSize + headerSize) {
            long len = w.bigEndian(p, lengthSize);
            Kind kind = len < headerSize || len > maxSampleSize ? Kind.INVALID
                    : classify(w.array(), w.index(p + lengthSize));
            if (kind == Kind.INVALID || (p > pos && kind == Kind.SUFFIX)) {
                return false;
            }
            if (p + lengthSize + len > w.end()) {
                return cutUnitOpensPicture(w, p, len, kind);
            }
            if (kind == Kind.SLICE) {
                return match(w, pos, null, true) != null || cutByEnd(w, p);
            }
            p += lengthSize + len;
            if (p - pos > maxSampleSize) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether a unit the end of the data cuts, before any slice of the picture at hand, can be where that picture
     * starts. Near the end any {@code 00 xx xx xx} and a header byte pass for such a unit (PCM samples, a trailer's
     * little-endian numbers), so what is present is checked as the quick scan checks a candidate: a slice must be a
     * first slice whose header parses with the reference's parameter sets (when enough of it is present to tell),
     * any other unit small enough to open a picture.
     */
    private boolean cutUnitOpensPicture(MediaWindow w, long p, long len, Kind kind) throws IOException {
        if (kind != Kind.SLICE) {
            return len <= MAX_NON_SLICE_START;
        }
        long available = w.end() - (p + lengthSize);
        try {
            return sliceHeader(w, p + lengthSize, Math.min(len, available), this::firstSlice) != null;
        } catch (BitstreamException e) {
            // Too few bytes to read the header: nothing tells it is no picture.
            return available < SLICE_HEADER_PROBE;
        }
    }

    /**
     * Whether the picture whose first slice is at {@code slice} runs into the end of the data: its units have valid
     * headers and lengths up to one the end cuts, none opening another picture.
     */
    private boolean cutByEnd(MediaWindow w, long slice) throws IOException {
        long p = slice;
        boolean first = true;
        while (w.ensure(p, lengthSize + headerSize) >= lengthSize + headerSize) {
            long len = w.bigEndian(p, lengthSize);
            Kind kind = len < headerSize || len > maxSampleSize ? Kind.INVALID
                    : classify(w.array(), w.index(p + lengthSize));
            if (kind == Kind.INVALID || (!first && (kind == Kind.PICTURE_START || kind == Kind.PREFIX))) {
                return false;
            }
            if (p + lengthSize + len > w.end()) {
                return !first || kind == Kind.SLICE;
            }
            first = false;
            p += lengthSize + len;
            if (p - slice > maxSampleSize) {
                return false;
            }
        }
        // The data ends inside a unit's length or header.
        return !first;
    }

    @Override
    public int quickCheckBytes() {
        return lengthSize + headerSize + 1;
    }

    /**
     * A plausible NAL length, then a header that can open a picture (a first slice, a prefix, an AUD, a parameter
     * set). With 4-byte lengths below 16 MiB a NAL unit starts {@code 00 xx xx xx} and a header whose forbidden
     * bit is 0: the SWAR {@link PatternScanner} finds those 8 bytes at a time (random data has one zero byte in
     * 256, half of them pass the header bit), and only they get the full test. Other length sizes test every byte.
     */
    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        if (nalStart == null) {
            for (int i = from; i < to; i++) {
                if (plausible(data, i)) {
                    return i;
                }
            }
            return -1;
        }
        // Indexes up to to - 1 + quickCheckBytes() - 1 may be read: starts up to to - 1 are found.
        int limit = to - 1 + quickCheckBytes();
        int i = from;
        while (i < to) {
            int c = nalStart.find(data, i, limit);
            if (c < 0 || c >= to) {
                return -1;
            }
            if (plausible(data, c)) {
                return c;
            }
            i = c + 1;
            if (c + 8 <= limit && (long) LONG.get(data, c) == 0) {
                // A zero run (a sparse hole, zero-filled damage): a NAL length needs a non-zero byte among the 3
                // after its first, so no unit starts before 3 bytes ahead of the first non-zero word.
                int w = c + 8;
                while (w + 8 <= limit && (long) LONG.get(data, w) == 0) {
                    w += 8;
                }
                i = Math.max(i, w - 3);
            }
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private boolean plausible(byte[] data, int i) {
        long len = 0;
        for (int k = 0; k < lengthSize; k++) {
            len = (len << 8) | (data[i + k] & 0xFF);
        }
        if (len < headerSize || len > maxSampleSize) {
            return false;
        }
        Kind kind = classify(data, i + lengthSize);
        // A slice opens a picture only as its first slice: first_mb_in_slice = 0 (ue(v), the bit 1) in H.264,
        // first_slice_segment_in_pic_flag = 1 in HEVC; either way the first bit after the header is set.
        // The other units that open a picture (AUD, parameter sets, SEI) are small; a suffix (filler, end of
        // sequence) opens none. Random data passes this about once in 18 000 bytes.
        return switch (kind) {
            case SLICE -> (data[i + lengthSize + headerSize] & 0x80) != 0;
            case PICTURE_START, PREFIX, ATTACHED -> len <= MAX_NON_SLICE_START;
            default -> false;
        };
    }

    @Override
    public boolean isStrong() {
        return true;
    }
}

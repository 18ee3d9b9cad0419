package dev.bmff.recover.match;

import dev.bmff.codecs.av1.FrameHeader;
import dev.bmff.codecs.av1.ObuHeader;
import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.recover.model.ObuVocabulary;
import java.io.IOException;

/**
 * AV1 temporal units (av01 samples): a chain of OBUs, each with a size field, so the chain gives every length
 * exactly. A sample is taken where OBUs of the reference's vocabulary (types, layers; the first of a kind that starts
 * the reference's samples; frame headers with flags like the reference's) chain up to a shown frame (show_frame, or show_existing_frame), and ends there, after the
 * tile groups of that frame; a sequence header must equal the reference's. Hidden frames (libaom's alt-refs) before
 * the shown one belong to the same sample. A sync sample holds a sequence header before a shown key frame; where every
 * key frame of the reference has one, a key frame without one is not a sample start (it is the frame OBU of one).
 *
 * <p>AV1 has no frame reordering inside a track: each sample is presented in decode order, so each committed sample
 * gets its own picture order epoch.
 *
 * <pre>{@code
 * SampleMatcher m = new Av1Matcher(sequenceHeader, ObuVocabulary.FRAMES, 8 << 20);
 * }</pre>
 */
public final class Av1Matcher implements SampleMatcher {
    private final SequenceHeader sequence;
    private final ObuVocabulary vocabulary;
    private final long maxSample;
    private final int maxObus;
    private final boolean[] firstByte = new boolean[256];
    private int committed;

    private long memoPos = -1;
    private Object memoSource;
    private long memoLength;
    private boolean memoSync;

    public Av1Matcher(SequenceHeader sequence, ObuVocabulary vocabulary, long maxSample) {
        this.sequence = sequence;
        this.vocabulary = vocabulary;
        this.maxSample = maxSample;
        this.maxObus = 2 * vocabulary.maxObus() + 8;
        for (int b = 0; b < 256; b++) {
            firstByte[b] = vocabulary.acceptsHeader(b, true);
        }
    }

    @Override
    public Match match(MediaWindow w, long pos, StartCheck next, boolean resync) throws IOException {
        long n = length(w, pos);
        return n > 0 ? Match.of(n, memoSync, null) : null;
    }

    @Override
    public boolean startsHere(MediaWindow w, long pos) throws IOException {
        return length(w, pos) > 0;
    }

    @Override
    public Match commit(Match candidate) {
        committed++;
        return new Match(candidate.length(), candidate.sync(), 1, 0, committed, null);
    }

    @Override
    public boolean isStrong() {
        return true;
    }

    @Override
    public int quickCheckBytes() {
        return 1;
    }

    @Override
    public int nextCandidate(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (firstByte[data[i] & 0xFF]) {
                return i;
            }
        }
        return -1;
    }

    /** The length of the temporal unit at {@code pos}, 0 when none is there (or the data ends inside it). */
    private long length(MediaWindow w, long pos) throws IOException {
        if (memoPos == pos && memoSource == w.source()) {
            return memoLength;
        }
        boolean[] sync = {false};
        long n = walk(w, pos, sync);
        memoPos = pos;
        memoSource = w.source();
        memoLength = n;
        memoSync = sync[0];
        return n;
    }

    private long walk(MediaWindow w, long pos, boolean[] sync) throws IOException {
        long p = pos;
        boolean sawSequence = false;
        boolean firstFrame = true;
        boolean shown = false;
        for (int count = 0; count < maxObus; count++) {
            if (p >= w.end()) {
                return shown ? p - pos : 0;
            }
            int avail = w.ensure(p, 16);
            byte[] a = w.array();
            int i = w.index(p);
            int b = a[i] & 0xFF;
            if (shown) {
                // After the shown frame only its further tile groups belong to the sample.
                if (((b >> 3) & 0xF) != ObuHeader.TILE_GROUP || !vocabulary.acceptsHeader(b, false)) {
                    return p - pos;
                }
            } else if (!vocabulary.acceptsHeader(b, count == 0)) {
                return 0;
            }
            ObuHeader h;
            try {
                h = ObuHeader.parse(a, i, i + avail);
            } catch (BitstreamException e) {
                return shown ? p - pos : 0;
            }
            if (h.extension() && !vocabulary.acceptsExtension(a[i + 1] & 0xFF)) {
                return shown ? p - pos : 0;
            }
            long end = p + h.totalLength();
            if (end > w.end() || end - pos > maxSample) {
                return shown ? p - pos : 0;
            }
            int type = h.type();
            if (type == ObuHeader.SEQUENCE_HEADER) {
                if (h.payloadSize() > 1024 || !sameSequence(w, p + h.headerLength(), (int) h.payloadSize())) {
                    return 0;
                }
                sawSequence = true;
            } else if (type == ObuHeader.FRAME || type == ObuHeader.FRAME_HEADER) {
                int got = w.ensure(p + h.headerLength(), (int) Math.min(16, h.payloadSize()));
                FrameHeader f;
                try {
                    f = FrameHeader.parse(w.array(), w.index(p + h.headerLength()), got, sequence);
                } catch (BitstreamException e) {
                    return 0;
                }
                if (!vocabulary.acceptsFrame(f) || !plausible(type, f, w, p + h.headerLength(), h.payloadSize())) {
                    return 0;
                }
                if (firstFrame) {
                    if (f.shownKeyFrame() && !sawSequence && !vocabulary.bareKeyFrames()) {
                        return 0; // the frame OBU of a sample whose sequence header is before it
                    }
                    sync[0] = sawSequence && f.shownKeyFrame();
                    firstFrame = false;
                }
                shown = f.showFrame();
            } else if (shown && type != ObuHeader.TILE_GROUP) {
                return p - pos;
            }
            p = end;
        }
        return shown ? p - pos : 0;
    }

    /**
     * What the spec requires of a frame OBU beyond its first bits: a frame OBU (header and tile group) never shows an
     * existing frame and holds more than its header's first byte; a frame header OBU that shows an existing frame is,
     * without frame ids or a decoder model, one byte: the flag, frame_to_show_map_idx, then trailing bits (1000).
     * Two- and three-byte chains of OBUs are otherwise common in any data.
     */
    private boolean plausible(int type, FrameHeader f, MediaWindow w, long payload, long size) throws IOException {
        if (type == ObuHeader.FRAME) {
            return !f.showExistingFrame() && size >= 2;
        }
        if (f.showExistingFrame() && !sequence.decoderModelInfoPresent() && !sequence.frameIdNumbersPresent()) {
            w.ensure(payload, 1);
            return size == 1 && (w.array()[w.index(payload)] & 0xF) == 8;
        }
        return size >= 1;
    }

    private boolean sameSequence(MediaWindow w, long at, int length) throws IOException {
        int got = w.ensure(at, length);
        if (got < length) {
            return false;
        }
        try {
            return sequence.equals(SequenceHeader.parse(w.array(), w.index(at), length));
        } catch (BitstreamException e) {
            return false;
        }
    }
}

package dev.bmff.recover.model;

import dev.bmff.codecs.av1.FrameHeader;
import dev.bmff.codecs.av1.ObuHeader;
import dev.bmff.codecs.av1.Obus;
import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.codecs.av1.TemporalUnit;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The OBUs an AV1 reference's samples hold, as the NAL vocabulary is for H.264/HEVC: which OBU types occur, which
 * start a sample, whether OBUs carry extension headers and with which temporal/spatial layers, and how many OBUs a
 * sample holds at most. Another recording made with the same settings holds the same; anything else at a candidate
 * sample start is not taken for AV1.
 *
 * <pre>{@code
 * ObuVocabulary v = ObuVocabulary.survey(track, channel, sequenceHeader);
 * boolean ok = v.acceptsHeader(headerByte, true);
 * }</pre>
 *
 * @param types bit {@code t} set: OBUs of type t occur
 * @param firstTypes bit {@code t} set: a sample starts with an OBU of type t
 * @param layers bit {@code 4 * temporal_id + spatial_id} set: an OBU extension with those ids occurs
 * @param plain OBUs without an extension header occur
 * @param maxObus the most OBUs one sample holds
 * @param frameSignatures the {@link FrameHeader#signature()}s of the reference's frames (its encoder's settings keep the
 *     flags of its frame headers to a few combinations)
 * @param bareKeyFrames a sample's first frame is a shown key frame without a sequence header before it (encoders put
 *     one before every key frame; where the reference does, a key frame without one is a frame OBU inside a sample)
 */
public record ObuVocabulary(int types, int firstTypes, int layers, boolean plain, int maxObus,
        java.util.Set<Integer> frameSignatures, boolean bareKeyFrames) {
    public ObuVocabulary {
        frameSignatures = java.util.Set.copyOf(frameSignatures);
    }

    /** Samples surveyed at most, and bytes: a bounded read of the reference. */
    private static final int MAX_SAMPLES = 2000;
    private static final long MAX_BYTES = 64L << 20;

    /**
     * What a stream of FRAME OBUs (ffmpeg's libaom, SVT-AV1 and rav1e output) holds, for tests without a survey: any
     * frame header flags ({@link #acceptsFrame} takes all).
     */
    public static final ObuVocabulary FRAMES = new ObuVocabulary(1 << ObuHeader.SEQUENCE_HEADER | 1 << ObuHeader.FRAME,
            1 << ObuHeader.SEQUENCE_HEADER | 1 << ObuHeader.FRAME, 0, true, 8, java.util.Set.of(), false);

    /** Whether a frame with these header flags is like the reference's (any, when it surveyed none). */
    public boolean acceptsFrame(FrameHeader f) {
        return f.showExistingFrame() || frameSignatures.isEmpty() || frameSignatures.contains(f.signature());
    }

    /** Whether an OBU may start with header byte {@code b} here (the first OBU of a sample, or a later one). */
    public boolean acceptsHeader(int b, boolean first) {
        if ((b & 0x83) != 2) {
            return false; // forbidden bit, no size field, or obu_reserved_1bit
        }
        int type = (b >> 3) & 0xF;
        boolean ext = (b & 4) != 0;
        return ((first ? firstTypes : types) >> type & 1) != 0 && (ext ? layers != 0 : plain);
    }

    /** Whether an extension header byte {@code e} names a layer the reference has (and its reserved bits are 0). */
    public boolean acceptsExtension(int e) {
        return (e & 7) == 0 && (layers >> (4 * (e >> 5) + ((e >> 3) & 3)) & 1) != 0;
    }

    /**
     * Surveys the samples of {@code t} (of its first sample description, a bounded number of them).
     *
     * @throws IOException reading failed; a sample whose OBUs do not parse is left out of the survey
     */
    public static ObuVocabulary survey(TrackSamples t, FileChannel in, SequenceHeader sequence) throws IOException {
        int types = 0;
        int first = 0;
        int layers = 0;
        boolean plain = false;
        boolean bare = false;
        java.util.Set<Integer> signatures = new java.util.HashSet<>();
        int maxObus = 1;
        long read = 0;
        int seen = 0;
        for (int i = 0; i < t.sampleCount() && seen < MAX_SAMPLES && read < MAX_BYTES; i++) {
            if (t.sampleDescriptionIndex(i) != 1 || t.size(i) > (16 << 20) || t.size(i) == 0) {
                continue;
            }
            byte[] s = PositionalReads.readFully(in, t.offset(i), (int) t.size(i));
            read += s.length;
            java.util.List<Obus.Obu> obus;
            try {
                obus = Obus.split(s);
            } catch (BitstreamException e) {
                continue;
            }
            seen++;
            maxObus = Math.max(maxObus, obus.size());
            try {
                TemporalUnit tu = TemporalUnit.of(s, sequence);
                bare |= !tu.sync() && !obus.isEmpty() && obus.get(0).header().type() != ObuHeader.SEQUENCE_HEADER
                        && firstFrameIsShownKey(s, obus, sequence);
                for (Obus.Obu o : obus) {
                    int type = o.header().type();
                    if (type == ObuHeader.FRAME || type == ObuHeader.FRAME_HEADER) {
                        FrameHeader f = FrameHeader.parse(s, o.payloadOffset(), (int) o.header().payloadSize(), sequence);
                        if (!f.showExistingFrame()) {
                            signatures.add(f.signature());
                        }
                    }
                }
            } catch (BitstreamException e) {
                // its frames do not parse: it says nothing about key frames
            }
            for (int k = 0; k < obus.size(); k++) {
                ObuHeader h = obus.get(k).header();
                types |= 1 << h.type();
                if (k == 0) {
                    first |= 1 << h.type();
                }
                if (h.extension()) {
                    layers |= 1 << (4 * h.temporalId() + h.spatialId());
                } else {
                    plain = true;
                }
            }
        }
        return seen == 0 ? FRAMES : new ObuVocabulary(types, first, layers, plain, maxObus, signatures, bare);
    }

    private static boolean firstFrameIsShownKey(byte[] s, java.util.List<Obus.Obu> obus, SequenceHeader sequence)
            throws BitstreamException {
        for (Obus.Obu o : obus) {
            int type = o.header().type();
            if (type == ObuHeader.FRAME || type == ObuHeader.FRAME_HEADER) {
                return FrameHeader.parse(s, o.payloadOffset(), (int) o.header().payloadSize(), sequence).shownKeyFrame();
            }
        }
        return false;
    }
}

package dev.bmff.recover;

import dev.bmff.codecs.aac.RawDataBlockParser;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.recover.match.AacMatcher;
import dev.bmff.recover.match.AvcMatcher;
import dev.bmff.recover.match.FrameLengths;
import dev.bmff.recover.match.FramedMatcher;
import dev.bmff.recover.match.HevcMatcher;
import dev.bmff.recover.match.PcmMatcher;
import dev.bmff.recover.match.SampleMatcher;
import dev.bmff.recover.model.CodecModel;
import dev.bmff.recover.model.SampleFraming;
import dev.bmff.recover.model.TrackModel;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/** The matcher for a track model. */
final class Matchers {
    /** Far above any real frame (a 4K intra frame is a few MB), far below a length read from garbage. */
    private static final long MAX_VIDEO_SAMPLE = 256L << 20;

    private Matchers() {
    }

    /**
     * The matcher for {@code m}, one of the recording's tracks {@code all}: a video track that shares its codec
     * with another video track gets a matcher that attributes pictures by their parameter sets.
     *
     * @param pcmPackets for PCM: how many packets the muxer wrote before another track's sample was due
     * @param allowed for metadata: whether the track may take another sample at a position
     */
    static SampleMatcher of(TrackModel m, List<TrackModel> all, LongSupplier pcmPackets, LongPredicate allowed)
            throws UnusableReferenceException {
        return of(m, all, pcmPackets, allowed, FrameLengths.NONE);
    }

    /** As above; an AAC track's matcher shares frame lengths through {@code lengths}. */
    static SampleMatcher of(TrackModel m, List<TrackModel> all, LongSupplier pcmPackets, LongPredicate allowed,
            FrameLengths lengths) throws UnusableReferenceException {
        // A sample much larger than the reference's largest is not believed: 16 x its largest, at least 8 MiB.
        long maxVideo = Math.min(MAX_VIDEO_SAMPLE, Math.max(8L << 20, 16 * m.sizes().max()));
        boolean sharesCodec = false;
        for (TrackModel other : all) {
            sharesCodec |= other != m && other.codec().getClass() == m.codec().getClass() && other.isVideo();
        }
        try {
            CodecModel c = m.codec();
            if (c instanceof CodecModel.Avc a) {
                return AvcMatcher.of(a.config(), a.vocabulary(), sharesCodec, maxVideo);
            } else if (c instanceof CodecModel.Hevc h) {
                return HevcMatcher.of(h.config(), h.vocabulary(), sharesCodec, maxVideo);
            } else if (c instanceof CodecModel.Aac a) {
                return new AacMatcher(RawDataBlockParser.of(a.config()), lengths);
            } else if (c instanceof CodecModel.Metadata meta) {
                // Some slack around the reference's sizes: another recording's metadata differs a little.
                long min = Math.max(1, m.sizes().min() / 2);
                long max = Math.max(min, 2 * m.sizes().max() + 64);
                if (meta.framing() instanceof SampleFraming.Fixed || meta.framing() instanceof SampleFraming.Sizes) {
                    min = m.sizes().min();
                    max = m.sizes().max();
                }
                return new FramedMatcher(meta.framing(), meta.prefix(), min, max, allowed);
            }
            CodecModel.Pcm p = (CodecModel.Pcm) c;
            return new PcmMatcher(p.format().bytesPerFrame(), p.packetBytes(), p.maxPackets() + 1, pcmPackets);
        } catch (BitstreamException e) {
            throw new UnusableReferenceException("reference track " + m.referenceTrackId() + " (" + m.format()
                    + "): " + e.getMessage(), e);
        }
    }
}

package dev.bmff.recover;

import dev.bmff.codecs.aac.RawDataBlockParser;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.alac.AlacFrameParser;
import dev.bmff.codecs.flac.FlacFrameParser;
import dev.bmff.recover.match.AacMatcher;
import dev.bmff.recover.match.AlacMatcher;
import dev.bmff.recover.match.FlacMatcher;
import dev.bmff.recover.match.Av1Matcher;
import dev.bmff.recover.match.OpusMatcher;
import dev.bmff.recover.match.AvcMatcher;
import dev.bmff.recover.match.FrameLengths;
import dev.bmff.recover.match.FramedMatcher;
import dev.bmff.recover.match.HevcMatcher;
import dev.bmff.recover.match.MotionJpegMatcher;
import dev.bmff.recover.match.Mpeg4Matcher;
import dev.bmff.recover.match.ProResMatcher;
import dev.bmff.recover.match.PcmMatcher;
import dev.bmff.recover.match.SampleMatcher;
import dev.bmff.recover.match.SyncFrameMatcher;
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
    /** 120 ms of 1275-byte frames (RFC 6716 3.4, R2 and R5) for a single stream: the largest Opus packet. */
    private static final int OPUS_MAX_PACKET = 48 * 1275 + 100;
    /** Packets an Opus track without video looks ahead over: the likeliest split of the next few. */
    private static final int OPUS_ALONE_CHAIN = 4;

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
            } else if (c instanceof CodecModel.Av1 a) {
                return new Av1Matcher(a.sequence(), a.vocabulary(), maxVideo);
            } else if (c instanceof CodecModel.Opus o) {
                // VBR sizes of another recording spread a little wider than the reference's.
                int min = (int) Math.max(1, m.sizes().min() * 3 / 4);
                int max = (int) Math.min(OPUS_MAX_PACKET, m.sizes().max() * 3 / 2 + 8);
                // Another recording's sizes spread a little wider: at least 3 % of the mean. Without a video track
                // no picture ends a run of packets: chains of a few packets, each followed by a TOC byte, are taken.
                boolean beside = all.stream().anyMatch(TrackModel::isVideo);
                int chain = beside ? (int) Math.max(4, 2 * m.maxSamplesPerChunk() + 2) : OPUS_ALONE_CHAIN;
                return new OpusMatcher(o.tocs(), o.lastBytes(), min, max, m.sizes().mean(),
                        Math.max(o.sizeDeviation(), 0.03 * m.sizes().mean()), chain, !beside);
            } else if (c instanceof CodecModel.Mpeg4Visual v) {
                return new Mpeg4Matcher(v.config().vol(), v.leadingHeaders(), v.packedBFrames(), maxVideo);
            } else if (c instanceof CodecModel.MotionJpeg j) {
                // The EOI is looked for up to 4 x the reference's largest sample (at least 1 MiB).
                return new MotionJpegMatcher(j.imagesPerSample(), j.width(), j.height(),
                        Math.max(1L << 20, 4 * m.sizes().max()));
            } else if (c instanceof CodecModel.ProRes p) {
                return new ProResMatcher(p.width(), p.height(), p.chromaFormat(), maxVideo);
            } else if (c instanceof CodecModel.Aac a) {
                return new AacMatcher(RawDataBlockParser.of(a.config()), lengths);
            } else if (c instanceof CodecModel.SyncFramed s) {
                return new SyncFrameMatcher(s.syntax());
            } else if (c instanceof CodecModel.Flac f) {
                return new FlacMatcher(new FlacFrameParser(f.streamInfo()));
            } else if (c instanceof CodecModel.Alac a) {
                return new AlacMatcher(new AlacFrameParser(a.config()));
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

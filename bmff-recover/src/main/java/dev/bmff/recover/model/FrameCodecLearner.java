package dev.bmff.recover.model;

import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.entry.VideoSampleEntries;
import dev.bmff.codecs.jpeg.JpegImage;
import dev.bmff.codecs.mpeg4.Mpeg4VideoConfig;
import dev.bmff.codecs.mpeg4.StartCodes;
import dev.bmff.codecs.mpeg4.VopHeader;
import dev.bmff.codecs.prores.ProResFrameHeader;
import dev.bmff.codecs.prores.ProResProfile;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Models the video codecs whose samples delimit themselves, from the reference's sample entry and a bounded number
 * of its samples: MPEG-4 Part 2 (which headers lead a sample, whether B-VOPs are packed), Motion JPEG (images per
 * sample, picture size) and ProRes (picture size, chroma format).
 */
final class FrameCodecLearner {
    /** Samples read from the reference, at most. */
    private static final int MAX_SAMPLES = 300;
    /** Bytes read from the reference, at most (a sample larger than this is read only in part). */
    private static final long MAX_BYTES = 32L << 20;
    /** Of an MPEG-4 sample, the bytes looked at for its start codes. */
    private static final int MPEG4_PREFIX = 4096;

    private FrameCodecLearner() {
    }

    /**
     * The model of {@code t} when its entry is one of these codecs, else empty.
     *
     * @param esds the entry's esds payload, if it has one
     * @throws BitstreamException when the configuration or the first frame does not parse
     */
    static Optional<CodecModel> learn(VisualSampleEntry entry, Optional<byte[]> esds, TrackSamples t, FileChannel in)
            throws IOException {
        if (esds.isPresent()) {
            EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(esds.get()));
            if (es.objectTypeIndication() == VideoSampleEntries.MPEG4_VISUAL) {
                if (es.decoderSpecificInfo() == null) {
                    throw new BitstreamException(Kind.MISSING, -1, "mp4v esds without the VOL headers");
                }
                return Optional.of(mpeg4(Mpeg4VideoConfig.parse(es.decoderSpecificInfo().toArray()), t, in));
            }
            if (es.objectTypeIndication() == VideoSampleEntries.JPEG_OBJECT_TYPE) {
                return Optional.of(jpeg(t, in));
            }
            return Optional.empty();
        }
        if (VideoSampleEntries.MOTION_JPEG.contains(entry.type()) && !entry.type().toString().equals("mjpb")) {
            return Optional.of(jpeg(t, in));
        }
        if (ProResProfile.of(entry.type().toString()).isPresent()) {
            byte[] first = sample(t, in, 0, ProResFrameHeader.MIN_BYTES);
            ProResFrameHeader h = ProResFrameHeader.parse(first, 0, first.length);
            return Optional.of(new CodecModel.ProRes(h.width(), h.height(), h.chromaFormat()));
        }
        return Optional.empty();
    }

    private static CodecModel mpeg4(Mpeg4VideoConfig config, TrackSamples t, FileChannel in) throws IOException {
        Set<Integer> leading = new HashSet<>();
        boolean packed = false;
        long read = 0;
        for (int i = 0; i < Math.min(t.sampleCount(), MAX_SAMPLES) && read < MAX_BYTES; i++) {
            byte[] s = sample(t, in, i, MPEG4_PREFIX);
            read += s.length;
            int vops = 0;
            VopHeader first = null;
            for (int at = StartCodes.next(s, 0, s.length); at >= 0 && at + 3 < s.length;
                    at = StartCodes.next(s, at + 3, s.length)) {
                int code = s[at + 3] & 0xFF;
                if (code == StartCodes.VOP) {
                    vops++;
                    VopHeader vop = vop(s, at, config);
                    if (vops == 1) {
                        first = vop;
                    } else if (vop != null && first != null && first.type() != VopHeader.Type.B
                            && vop.type() == VopHeader.Type.B) {
                        packed = true;
                    }
                } else if (vops == 0 && StartCodes.isHeader(code)) {
                    leading.add(code);
                }
            }
        }
        return new CodecModel.Mpeg4Visual(config, leading, packed);
    }

    private static VopHeader vop(byte[] s, int at, Mpeg4VideoConfig config) {
        try {
            return VopHeader.parse(s, at + 4, s.length - at - 4, config.vol());
        } catch (BitstreamException e) {
            return null;
        }
    }

    private static CodecModel jpeg(TrackSamples t, FileChannel in) throws IOException {
        byte[] s = sample(t, in, 0, Integer.MAX_VALUE);
        JpegImage image = JpegImage.scan(s, 0, s.length, s.length);
        int images = 1;
        int at = image.length();
        // A second field (mjpa): right after the first, or where the mjpg header says.
        long next = image.appleField().map(f -> f.nextFieldOffset()).orElse(0L);
        int second = next > image.length() && next < s.length ? (int) next : at;
        if (second + 2 < s.length && JpegImage.startsAt(s, second, s.length)) {
            JpegImage.scan(s, second, s.length - second, s.length - second);
            images = 2;
        }
        var sof = image.frameHeader();
        return new CodecModel.MotionJpeg(images, sof.width(), sof.height());
    }

    /** Up to {@code limit} bytes of sample {@code i} (at most {@link #MAX_BYTES}). */
    private static byte[] sample(TrackSamples t, FileChannel in, int i, int limit) throws IOException {
        int n = (int) Math.min(Math.min(limit, MAX_BYTES), t.size(i));
        return PositionalReads.readFully(in, t.offset(i), n);
    }
}

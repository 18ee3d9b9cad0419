package dev.bmff.codecs.record;

import java.util.Locale;
import java.util.Optional;

/**
 * The video codec of an Annex B stream, told by a file name's extension or by the first NAL unit header.
 *
 * <pre>{@code
 * VideoCodec c = VideoCodec.fromFileName("cam.h265").orElseGet(() -> VideoCodec.sniff(head, n));
 * }</pre>
 */
public enum VideoCodec {
    H264,
    HEVC;

    /** {@code .h264 .264 .avc .jsv} are H.264, {@code .h265 .265 .hevc} HEVC; anything else is unknown. */
    public static Optional<VideoCodec> fromFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".h264") || n.endsWith(".264") || n.endsWith(".avc") || n.endsWith(".jsv")) {
            return Optional.of(H264);
        }
        if (n.endsWith(".h265") || n.endsWith(".265") || n.endsWith(".hevc")) {
            return Optional.of(HEVC);
        }
        return Optional.empty();
    }

    /**
     * Looks at the first NAL unit after a start code: a two-byte HEVC header with nuh_layer_id 0 and
     * TemporalId 0 and a type a stream starts with (VPS, SPS, PPS, AUD, prefix SEI, IRAP slice) means HEVC;
     * anything else H.264 (whose one-byte headers for those units never have such a second byte).
     */
    public static VideoCodec sniff(byte[] head, int length) {
        for (int i = 0; i + 4 < length; i++) {
            if (head[i] == 0 && head[i + 1] == 0 && head[i + 2] == 1) {
                int b0 = head[i + 3] & 0xFF;
                int b1 = head[i + 4] & 0xFF;
                int type = (b0 >> 1) & 0x3F;
                boolean hevcType = type >= 32 && type <= 35 || type == 39 || type >= 16 && type <= 21;
                return (b0 & 0x81) == 0 && b1 == 1 && hevcType ? HEVC : H264;
            }
        }
        return H264;
    }
}

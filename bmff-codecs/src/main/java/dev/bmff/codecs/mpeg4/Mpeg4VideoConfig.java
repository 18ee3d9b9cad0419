package dev.bmff.codecs.mpeg4;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.box.Bytes;

/**
 * The headers an MPEG-4 Part 2 stream starts with, as its {@code esds} DecoderSpecificInfo holds them (ISO/IEC
 * 14496-2 6.2.2 and 6.2.3): VisualObjectSequence (profile and level), VisualObject, VideoObject and
 * VideoObjectLayer, each after its start code. A sample may begin with the same headers (in-band, ffmpeg without
 * a global header); {@link #find} finds them there too.
 *
 * <pre>{@code
 * Mpeg4VideoConfig c = Mpeg4VideoConfig.parse(es.decoderSpecificInfo().toArray());
 * System.out.println(c.profileName() + " " + c.vol().width() + "x" + c.vol().height());
 * }</pre>
 *
 * @param profileAndLevel profile_and_level_indication of the VOS header, -1 when the headers have no VOS
 * @param vol the (first) VideoObjectLayer
 * @param bytes the headers as given
 */
public record Mpeg4VideoConfig(int profileAndLevel, VideoObjectLayer vol, Bytes bytes) {
    /**
     * Parses headers that must hold a VOL.
     *
     * @throws BitstreamException {@link Kind#MISSING} without a VOL start code; the VOL's own errors shifted to
     *     count from the start of {@code data}
     */
    public static Mpeg4VideoConfig parse(byte[] data) throws BitstreamException {
        Mpeg4VideoConfig c = find(data, 0, data.length);
        if (c == null) {
            throw new BitstreamException(Kind.MISSING, -1, "MPEG-4 video headers: no video_object_layer start code");
        }
        return c;
    }

    /**
     * The headers in {@code [offset, offset + length)} up to the first VOP, or null when there is no VOL before it.
     *
     * @throws BitstreamException when the VOL is malformed (offsets count from {@code offset})
     */
    public static Mpeg4VideoConfig find(byte[] data, int offset, int length) throws BitstreamException {
        int end = offset + length;
        int profile = -1;
        for (int at = StartCodes.next(data, offset, end); at >= 0 && at + 3 < end;
                at = StartCodes.next(data, at + 3, end)) {
            int code = data[at + 3] & 0xFF;
            if (code == StartCodes.VOS) {
                if (at + 4 >= end) {
                    throw BitstreamException.atByte(Kind.TRUNCATED, at + 4 - offset, "profile_and_level_indication");
                }
                profile = data[at + 4] & 0xFF;
            } else if (code >= StartCodes.VOL_FIRST && code <= StartCodes.VOL_LAST) {
                int next = StartCodes.next(data, at + 4, end);
                int volEnd = next < 0 ? end : next;
                VideoObjectLayer vol;
                try {
                    vol = VideoObjectLayer.parse(data, at + 4, volEnd - at - 4);
                } catch (BitstreamException e) {
                    throw e.shifted(8L * (at + 4 - offset));
                }
                return new Mpeg4VideoConfig(profile, vol, Bytes.of(java.util.Arrays.copyOfRange(data, offset, volEnd)));
            } else if (code == StartCodes.VOP) {
                return null;
            }
        }
        return null;
    }

    /** Profile names by the high nibble of profile_and_level_indication (14496-2 Table G-1, as ffprobe names them). */
    private static final String[] PROFILES = {"Simple Profile", "Simple Scalable Profile", "Core Profile",
        "Main Profile", "N-bit Profile", "Scalable Texture Profile", "Simple Face Animation Profile",
        "Basic Animated Texture Profile", "Hybrid Profile", "Advanced Real Time Simple Profile",
        "Core Scalable Profile", "Advanced Coding Efficiency Profile", "Advanced Core Profile",
        "Advanced Scalable Texture Profile", "Simple Studio Profile", "Advanced Simple Profile"};

    /**
     * The profile as ffprobe names it from the VOS header: "Simple Profile", "Advanced Simple Profile"... Without a
     * VOS, from the VOL's object type (17 is Advanced Simple).
     */
    public String profileName() {
        if (profileAndLevel < 0) {
            return vol.objectTypeIndication() == 17 ? "Advanced Simple Profile" : "Simple Profile";
        }
        return PROFILES[profileAndLevel >>> 4];
    }

    /**
     * The level (the low nibble of profile_and_level_indication; Simple Profile's 0x08 is level 0, as ffprobe shows
     * it); -1 without a VOS.
     */
    public int level() {
        if (profileAndLevel < 0) {
            return -1;
        }
        return profileAndLevel == 0x08 ? 0 : profileAndLevel & 0x0F;
    }
}

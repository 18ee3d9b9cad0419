package dev.bmff.rsv.testing;

import java.util.List;

/**
 * What the generator records: codec, frame rate, GOP block lengths, audio layout, rtmd packet size, and tricks.
 *
 * @param hevc HEVC (x265) instead of H.264 (x264)
 * @param rate frame rate as ffmpeg writes it, e.g. {@code 25}, {@code 24000/1001}
 * @param frames video frames in all
 * @param keyint the encoder's keyframe interval (IDR pictures every {@code keyint} frames)
 * @param gops the RSV's GOP block lengths in frames, repeated until the frames run out
 * @param audio the audio layout
 * @param packetSize rtmd packet size in bytes
 * @param plantRtmd put SEI units holding an rtmd header (prefix and Sony tag) into some frames
 * @param referenceRtmd give the reference MP4 an rtmd track
 */
public record RsvSettings(boolean hevc, String rate, int frames, int keyint, List<Integer> gops, Audio audio,
        int packetSize, boolean plantRtmd, boolean referenceRtmd) {
    /** Audio layouts Sony cameras record. */
    public enum Audio {
        /** 16-bit stereo, big endian. */
        TWOS(1, 4),
        /** 16-bit stereo, little endian. */
        SOWT(1, 4),
        /** four 24-bit mono tracks, stored one after another in each GOP. */
        IPCM4(4, 3);

        public final int tracks;
        public final int bytesPerFrame;

        Audio(int tracks, int bytesPerFrame) {
            this.tracks = tracks;
            this.bytesPerFrame = bytesPerFrame;
        }
    }

    public RsvSettings {
        gops = List.copyOf(gops);
    }

    /** H.264, 25 fps, GOP 12, twos, 19,456-byte packets, 48 frames. */
    public static RsvSettings h264() {
        return new RsvSettings(false, "25", 48, 12, List.of(12), Audio.TWOS, 19_456, false, true);
    }

    public RsvSettings withHevc(boolean on) {
        return new RsvSettings(on, rate, frames, keyint, gops, audio, packetSize, plantRtmd, referenceRtmd);
    }

    public RsvSettings withRate(String r) {
        return new RsvSettings(hevc, r, frames, keyint, gops, audio, packetSize, plantRtmd, referenceRtmd);
    }

    public RsvSettings withFrames(int n) {
        return new RsvSettings(hevc, rate, n, keyint, gops, audio, packetSize, plantRtmd, referenceRtmd);
    }

    /** Fixed GOPs of {@code n} frames, keyframes every {@code n}. */
    public RsvSettings withGop(int n) {
        return new RsvSettings(hevc, rate, frames, n, List.of(n), audio, packetSize, plantRtmd, referenceRtmd);
    }

    /** GOP blocks of the given lengths, keyframes every {@code keyint} frames (not aligned with the blocks). */
    public RsvSettings withGops(int keyInterval, List<Integer> lengths) {
        return new RsvSettings(hevc, rate, frames, keyInterval, lengths, audio, packetSize, plantRtmd,
                referenceRtmd);
    }

    public RsvSettings withAudio(Audio a) {
        return new RsvSettings(hevc, rate, frames, keyint, gops, a, packetSize, plantRtmd, referenceRtmd);
    }

    public RsvSettings withPacketSize(int bytes) {
        return new RsvSettings(hevc, rate, frames, keyint, gops, audio, bytes, plantRtmd, referenceRtmd);
    }

    public RsvSettings withPlantedRtmd(boolean on) {
        return new RsvSettings(hevc, rate, frames, keyint, gops, audio, packetSize, on, referenceRtmd);
    }

    public RsvSettings withReferenceRtmd(boolean on) {
        return new RsvSettings(hevc, rate, frames, keyint, gops, audio, packetSize, plantRtmd, on);
    }

    /** A short name for files and test output. */
    public String name() {
        return (hevc ? "hevc" : "h264") + "-" + rate.replace('/', '_') + "-k" + keyint + "-g"
                + gops.stream().map(String::valueOf).reduce((a, b) -> a + "_" + b).orElse("") + "-"
                + audio.name().toLowerCase() + "-p" + packetSize + (plantRtmd ? "-planted" : "")
                + (referenceRtmd ? "" : "-nortmd");
    }
}

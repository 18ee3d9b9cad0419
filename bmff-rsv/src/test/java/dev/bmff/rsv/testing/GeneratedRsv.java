package dev.bmff.rsv.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An RSV file the generator wrote, with where everything in it really is.
 *
 * @param settings what was generated
 * @param rsv the RSV file
 * @param reference the reference MP4 (same settings)
 * @param source ffmpeg's encode the frames came from (for framemd5)
 * @param frames each frame's bytes as stored in the RSV (decode order)
 * @param frameOffsets where each frame starts in the RSV
 * @param sync the encoder's keyframe flags
 * @param pcm each audio track's whole raw PCM stream
 * @param gops each GOP block
 * @param packetOffsets where each rtmd packet starts
 */
public record GeneratedRsv(RsvSettings settings, Path rsv, Path reference, Path source, List<byte[]> frames,
        long[] frameOffsets, boolean[] sync, List<byte[]> pcm, List<Gop> gops, long[] packetOffsets) {

    /**
     * One GOP block.
     *
     * @param start its first rtmd packet
     * @param firstFrame index of its first frame
     * @param frameCount its frames
     * @param audio per audio track: {offset in the RSV, offset in the PCM stream, length}
     * @param end where the next block starts
     */
    public record Gop(long start, int firstFrame, int frameCount, List<long[]> audio, long end) {
        public long audioStart() {
            return audio.isEmpty() ? end : audio.get(0)[0];
        }

        public long videoStart(int packetSize) {
            return start + (long) frameCount * packetSize;
        }
    }

    public long size() {
        return gops.get(gops.size() - 1).end();
    }

    public long frameEnd(int i) {
        return frameOffsets[i] + frames.get(i).length;
    }

    /** Frames whose bytes all lie before {@code cut}. */
    public int framesBefore(long cut) {
        int n = 0;
        while (n < frames.size() && frameEnd(n) <= cut) {
            n++;
        }
        return n;
    }

    /** The GOP {@code pos} falls in. */
    public Gop gopAt(long pos) {
        for (Gop g : gops) {
            if (pos < g.end()) {
                return g;
            }
        }
        return gops.get(gops.size() - 1);
    }

    /** Collects the layout while the generator writes. */
    static final class Builder {
        private final RsvSettings settings;
        private final List<byte[]> frames;
        private final boolean[] sync;
        private final List<byte[]> pcm;
        private final List<Long> frameOffsets = new ArrayList<>();
        private final List<Long> packets = new ArrayList<>();
        private final List<Gop> gops = new ArrayList<>();
        private long start;
        private int first;
        private int count;
        private List<long[]> audio = new ArrayList<>();

        Builder(RsvSettings settings, List<byte[]> frames, boolean[] sync, List<byte[]> pcm) {
            this.settings = settings;
            this.frames = frames;
            this.sync = sync;
            this.pcm = pcm;
        }

        void gop(long at, int firstFrame, int frameCount) {
            start = at;
            first = firstFrame;
            count = frameCount;
            audio = new ArrayList<>();
        }

        void packet(long at) {
            packets.add(at);
        }

        void frame(long at) {
            frameOffsets.add(at);
        }

        void audio(int track, long at, long pcmOffset, long length) {
            audio.add(new long[] {at, pcmOffset, length});
        }

        void gopEnd(long at) {
            gops.add(new Gop(start, first, count, List.copyOf(audio), at));
        }

        GeneratedRsv build(Path rsv, Path reference, Path source) {
            return new GeneratedRsv(settings, rsv, reference, source, List.copyOf(frames),
                    frameOffsets.stream().mapToLong(Long::longValue).toArray(), sync, List.copyOf(pcm),
                    List.copyOf(gops), packets.stream().mapToLong(Long::longValue).toArray());
        }
    }
}

package dev.bmff.rsv;

import dev.bmff.rsv.testing.GeneratedRsv;

/**
 * What a repair of a generated RSV cut at {@code cut} must keep, from where the generator put everything.
 *
 * @param frames video frames (a prefix, in decode order)
 * @param audioBytes per audio track, bytes of its PCM stream (a prefix)
 * @param packets rtmd packets (a prefix)
 */
record Expectation(int frames, long[] audioBytes, int packets) {
    /** The whole file. */
    static Expectation whole(GeneratedRsv g) {
        return cutAt(g, g.size());
    }

    /**
     * A cut that falls in the middle of a frame (at least 16 bytes into it and before its end), inside an audio
     * chunk, inside an rtmd packet, or at the end of the file.
     */
    static Expectation cutAt(GeneratedRsv g, long cut) {
        int tracks = g.pcm().size();
        long[] audio = new long[tracks];
        int frames = 0;
        int packets = 0;
        int bpf = g.settings().audio().bytesPerFrame;
        for (GeneratedRsv.Gop gop : g.gops()) {
            if (gop.end() <= cut) {
                frames += gop.frameCount();
                packets += gop.frameCount();
                for (int t = 0; t < tracks; t++) {
                    audio[t] += gop.audio().get(t)[2];
                }
                continue;
            }
            int whole = 0;
            for (int i = gop.firstFrame(); i < gop.firstFrame() + gop.frameCount(); i++) {
                if (g.frameEnd(i) <= cut) {
                    whole++;
                }
            }
            int completePackets = (int) Math.max(0, Math.min(gop.frameCount(),
                    (cut - gop.start()) / g.settings().packetSize()));
            if (cut >= gop.videoStart(g.settings().packetSize())) {
                frames += whole;
                packets += Math.min(completePackets, whole);
            }
            if (whole == gop.frameCount()) {
                for (int t = 0; t < tracks; t++) {
                    long[] chunk = gop.audio().get(t);
                    long present = Math.max(0, Math.min(chunk[2], cut - chunk[0]));
                    audio[t] += present / bpf * bpf;
                }
            }
            break;
        }
        return new Expectation(frames, audio, packets);
    }
}

package dev.bmff.rsv.testing;

import dev.bmff.codecs.pcm.PcmEncoding;
import dev.bmff.codecs.pcm.PcmEndianness;
import dev.bmff.codecs.pcm.PcmFormat;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes what a Sony camera would leave, from real media: ffmpeg encodes the video (x264/x265 with access unit
 * delimiters) and the PCM audio; the generator lays them out as an RSV file (per GOP: rtmd packets of the configured
 * size, the frames, then each audio track's samples for exactly those frames) and writes a reference MP4 of the same
 * settings with our StandardWriter (video, audio tracks, an rtmd track). It records where every frame, audio chunk
 * and rtmd packet is, so tests can say exactly what a repair must find.
 */
public final class RsvGenerator {
    private static final int RATE = 48_000;
    private static final FourCC RTMD = FourCC.of("rtmd");

    private RsvGenerator() {
    }

    /** Generates everything for {@code s} under {@code dir}. */
    public static GeneratedRsv generate(RsvSettings s, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = s.name();
        Path source = dir.resolve(name + "-source.mp4");
        encodeVideo(s, source);
        SampleIndex index = SampleIndex.of(BoxReader.read(source, ReadOptions.strict()));
        TrackSamples v = index.tracks().get(0);
        int n = v.sampleCount();
        List<byte[]> frames = new ArrayList<>();
        boolean[] sync = new boolean[n];
        try (FileChannel ch = FileChannel.open(source)) {
            for (int i = 0; i < n; i++) {
                byte[] f = PositionalReads.readFully(ch, v.offset(i), (int) v.size(i));
                f = withAud(f, s.hevc(), i == 0);
                if (s.plantRtmd() && i % 5 == 2) {
                    f = withPlantedSei(f, s.hevc());
                }
                frames.add(f);
                sync[i] = v.isSync(i);
            }
        }
        long[] fps = parseRate(s.rate());
        long totalSamples = samplesThrough(n, fps) + RATE;
        List<byte[]> pcm = new ArrayList<>();
        for (int t = 0; t < s.audio().tracks; t++) {
            pcm.add(encodeAudio(s.audio(), t, (double) totalSamples / RATE + 0.5, dir.resolve(name + "-a" + t + ".raw")));
        }
        GeneratedRsv.Builder layout = new GeneratedRsv.Builder(s, frames, sync, pcm);
        Path rsv = dir.resolve(name + ".RSV");
        writeRsv(s, frames, pcm, fps, rsv, layout);
        Path reference = dir.resolve(name + "-reference.mp4");
        writeReference(s, v, frames, pcm, reference);
        return layout.build(rsv, reference, source);
    }

    private static void encodeVideo(RsvSettings s, Path out) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=160x90:rate=" + s.rate(), "-frames:v", String.valueOf(s.frames()), "-pix_fmt",
                "yuv420p"));
        String gop = "keyint=" + s.keyint() + ":min-keyint=" + s.keyint() + ":scenecut=0";
        if (s.hevc()) {
            cmd.addAll(List.of("-c:v", "libx265", "-preset", "veryfast", "-x265-params",
                    "aud=1:" + gop + ":log-level=error", "-tag:v", "hvc1"));
        } else {
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-x264-params", "aud=1:" + gop));
        }
        cmd.addAll(List.of("-f", "mp4", out.toString()));
        ExternalTools.run(Duration.ofSeconds(120), cmd);
    }

    private static byte[] encodeAudio(RsvSettings.Audio a, int track, double seconds, Path out) throws IOException {
        String d = String.format(java.util.Locale.ROOT, "%.3f", seconds);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i"));
        if (a == RsvSettings.Audio.IPCM4) {
            cmd.add("aevalsrc=0.4*sin(2*PI*" + (300 + 110 * track) + "*t):s=48000:d=" + d);
            cmd.addAll(List.of("-f", "s24be"));
        } else {
            cmd.add("aevalsrc=0.5*sin(2*PI*440*t)|0.3*sin(2*PI*660*t):s=48000:d=" + d);
            cmd.addAll(List.of("-f", a == RsvSettings.Audio.TWOS ? "s16be" : "s16le"));
        }
        cmd.add(out.toString());
        ExternalTools.run(Duration.ofSeconds(60), cmd);
        return Files.readAllBytes(out);
    }

    /** {num, den} of a frame rate like {@code 25} or {@code 24000/1001}. */
    static long[] parseRate(String rate) {
        String[] p = rate.split("/");
        return new long[] {Long.parseLong(p[0]), p.length > 1 ? Long.parseLong(p[1]) : 1};
    }

    /** Audio samples from the first frame to the end of frame {@code frames}: floor(frames * den * 48000 / num). */
    static long samplesThrough(long frames, long[] fps) {
        return java.math.BigInteger.valueOf(frames).multiply(java.math.BigInteger.valueOf(fps[1] * RATE))
                .divide(java.math.BigInteger.valueOf(fps[0])).longValueExact();
    }

    private static void writeRsv(RsvSettings s, List<byte[]> frames, List<byte[]> pcm, long[] fps, Path rsv,
            GeneratedRsv.Builder layout) throws IOException {
        int bpf = s.audio().bytesPerFrame;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(rsv), 1 << 16)) {
            long pos = 0;
            int frame = 0;
            int g = 0;
            while (frame < frames.size()) {
                int len = Math.min(s.gops().get(g % s.gops().size()), frames.size() - frame);
                g++;
                layout.gop(pos, frame, len);
                for (int i = 0; i < len; i++) {
                    byte[] packet = packet(frame + i, s.packetSize());
                    layout.packet(pos);
                    out.write(packet);
                    pos += packet.length;
                }
                for (int i = 0; i < len; i++) {
                    byte[] f = frames.get(frame + i);
                    layout.frame(pos);
                    out.write(f);
                    pos += f.length;
                }
                long from = samplesThrough(frame, fps);
                long to = samplesThrough(frame + len, fps);
                for (int t = 0; t < pcm.size(); t++) {
                    layout.audio(t, pos, from * bpf, (to - from) * bpf);
                    out.write(pcm.get(t), (int) (from * bpf), (int) ((to - from) * bpf));
                    pos += (to - from) * bpf;
                }
                layout.gopEnd(pos);
                frame += len;
            }
        }
    }

    /** An rtmd packet: prefix, 4 varying bytes, the Sony tag, then metadata that never looks like a header. */
    public static byte[] packet(int frame, int size) {
        byte[] p = new byte[size];
        byte[] head = {0x00, 0x1c, 0x01, 0x00, (byte) (0x23 ^ (frame >> 8)), (byte) frame, 0x28, (byte) 0xe1,
                (byte) 0xf0, 0x01, 0x00, 0x10};
        System.arraycopy(head, 0, p, 0, head.length);
        for (int i = head.length; i < size; i++) {
            p[i] = (byte) (1 + (i * 7 + frame) % 250);
        }
        return p;
    }

    /**
     * The frame with its access unit delimiter first, as the standards require: ffmpeg's libx264 wrapper puts the
     * encoder's version SEI in front of the first frame's AUD, and its muxer drops the AUD of x265's first frame.
     */
    private static byte[] withAud(byte[] f, boolean hevc, boolean first) {
        ByteArrayOutputStream aud = new ByteArrayOutputStream();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        int p = 0;
        while (p + 4 < f.length) {
            int len = ByteBuffer.wrap(f, p, 4).getInt();
            int type = hevc ? (f[p + 4] >> 1) & 0x3F : f[p + 4] & 0x1F;
            boolean isAud = hevc ? type == 35 : type == 9;
            (isAud && aud.size() == 0 ? aud : rest).write(f, p, 4 + len);
            p += 4 + len;
        }
        if (aud.size() == 0) {
            // pic_type / primary_pic_type 2: any slice types, which is always true.
            aud.writeBytes(hevc ? new byte[] {0, 0, 0, 3, 0x46, 0x01, 0x50} : new byte[] {0, 0, 0, 2, 0x09, 0x50});
        }
        aud.writeBytes(rest.toByteArray());
        return aud.toByteArray();
    }

    /** An SEI (user data unregistered) after the AUD whose payload holds a whole rtmd header. */
    private static byte[] withPlantedSei(byte[] f, boolean hevc) {
        byte[] uuid = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99, 0x10, 0x21, 0x32, 0x43,
                0x54, 0x65, 0x76};
        byte[] rtmd = {0x00, 0x1c, 0x01, 0x00, 0x23, 0x03, 0x28, (byte) 0xe1, (byte) 0xf0, 0x01, 0x00, 0x10};
        ByteArrayOutputStream nal = new ByteArrayOutputStream();
        if (hevc) {
            nal.write(0x4e);
            nal.write(0x01);
        } else {
            nal.write(0x06);
        }
        nal.write(5);
        nal.write(uuid.length + rtmd.length);
        nal.writeBytes(uuid);
        nal.writeBytes(rtmd);
        nal.write(0x80);
        byte[] body = nal.toByteArray();
        byte[] unit = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
        int audLength = hevc ? 7 : 6;
        byte[] out = new byte[f.length + unit.length];
        System.arraycopy(f, 0, out, 0, audLength);
        System.arraycopy(unit, 0, out, audLength, unit.length);
        System.arraycopy(f, audLength, out, audLength + unit.length, f.length - audLength);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b, int aLength) {
        byte[] out = Arrays.copyOf(a, aLength + b.length);
        System.arraycopy(b, 0, out, aLength, b.length);
        return out;
    }

    private static void writeReference(RsvSettings s, TrackSamples v, List<byte[]> frames, List<byte[]> pcm,
            Path out) throws IOException {
        int refFrames = Math.min(frames.size(), 25);
        List<TrackSpec> specs = new ArrayList<>();
        specs.add(new TrackSpec(v.handlerType(), v.timescale(), (SampleEntry) v.sampleDescriptions().get(0), "und",
                null));
        PcmFormat format = switch (s.audio()) {
            case TWOS -> PcmFormat.packed(PcmFormat.TWOS, 2, 16, PcmEncoding.SIGNED_INTEGER, PcmEndianness.BIG, RATE);
            case SOWT -> PcmFormat.packed(PcmFormat.SOWT, 2, 16, PcmEncoding.SIGNED_INTEGER, PcmEndianness.LITTLE,
                    RATE);
            case IPCM4 -> PcmFormat.packed(PcmFormat.IPCM, 1, 24, PcmEncoding.SIGNED_INTEGER, PcmEndianness.BIG, RATE);
        };
        for (int t = 0; t < s.audio().tracks; t++) {
            specs.add(TrackSpec.audio(format.toSampleEntry(), RATE));
        }
        int rtmdTrack = -1;
        if (s.referenceRtmd()) {
            rtmdTrack = specs.size();
            specs.add(new TrackSpec(FourCC.of("meta"), v.timescale(), MetadataSampleEntry.of(RTMD, Bytes.EMPTY),
                    "und", null));
        }
        long[] fps = parseRate(s.rate());
        int bpf = s.audio().bytesPerFrame;
        try (StandardWriter w = StandardWriter.create(out, specs, StandardWriter.Options.defaults())) {
            for (int i = 0; i < refFrames; i++) {
                long dts = v.dts(i) - v.dts(0);
                w.write(new Sample(0, Bytes.of(frames.get(i)), dts, (int) (v.cts(i) - v.dts(i)), v.duration(i),
                        v.isSync(i)));
                long from = samplesThrough(i, fps);
                long to = samplesThrough(i + 1, fps);
                for (int t = 0; t < pcm.size(); t++) {
                    for (long k = from; k < to; k++) {
                        w.write(new Sample(1 + t, Bytes.of(pcm.get(t), (int) (k * bpf), bpf), k, 0, 1, true));
                    }
                }
                if (rtmdTrack >= 0) {
                    w.write(new Sample(rtmdTrack, Bytes.of(packet(i, s.packetSize())), dts, 0, v.duration(i), true));
                }
            }
        }
    }

}

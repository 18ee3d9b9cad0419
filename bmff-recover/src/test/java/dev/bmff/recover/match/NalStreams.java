package dev.bmff.recover.match;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Length-prefixed NAL streams for matcher tests, built from real samples and made-up units. */
final class NalStreams {
    private NalStreams() {
    }

    /** The samples of track {@code trackIndex} (0-based, file order) of {@code file}, in decode order. */
    static List<byte[]> samples(Path file, int trackIndex) throws IOException {
        TrackSamples t = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT)
                .tracks().get(trackIndex);
        List<byte[]> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            for (int i = 0; i < t.sampleCount(); i++) {
                out.add(PositionalReads.readFully(ch, t.offset(i), (int) t.size(i)));
            }
        }
        return out;
    }

    /** The NAL units of a sample with 4-byte lengths, without their lengths. */
    static List<byte[]> units(byte[] sample) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p + 4 <= sample.length) {
            int len = ByteBuffer.wrap(sample, p, 4).getInt();
            out.add(Arrays.copyOfRange(sample, p + 4, p + 4 + len));
            p += 4 + len;
        }
        return out;
    }

    /** {@code units} with 4-byte lengths. */
    static byte[] join(List<byte[]> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] u : units) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(u.length).array());
            out.writeBytes(u);
        }
        return out.toByteArray();
    }

    /** {@code parts} one after the other. */
    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** An HEVC unit: the two header bytes, then {@code payload} bytes 0x55 (no start code can appear). */
    static byte[] hevcUnit(int type, int layer, int payload) {
        byte[] u = new byte[2 + payload];
        u[0] = (byte) (type << 1 | layer >> 5);
        u[1] = (byte) ((layer & 31) << 3 | 1);
        Arrays.fill(u, 2, u.length, (byte) 0x55);
        return u;
    }

    /** An H.264 unit: the header byte, then {@code payload} bytes 0x55. */
    static byte[] avcUnit(int refIdc, int type, int payload) {
        byte[] u = new byte[1 + payload];
        u[0] = (byte) (refIdc << 5 | type);
        Arrays.fill(u, 1, u.length, (byte) 0x55);
        return u;
    }

    /** A window over a new file in {@code dir} that holds {@code data}; close its channel with {@link Open}. */
    static Open open(Path dir, byte[] data) throws IOException {
        Path f = Files.createTempFile(dir, "stream", ".bin");
        Files.write(f, data);
        FileChannel ch = FileChannel.open(f);
        return new Open(ch, new MediaWindow(ch, 0, data.length));
    }

    record Open(FileChannel channel, MediaWindow window) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}

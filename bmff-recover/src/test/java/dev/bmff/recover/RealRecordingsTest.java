package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.FourCC;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.recover.testing.BrokenFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real phone recordings (fixtures/real) whose moov was removed and whose mdat was cut: every video frame whose bytes
 * are present comes back byte for byte, in its own track, checked against our own sample index of the original (no
 * ffmpeg needed).
 */
class RealRecordingsTest {
    private static final FourCC VIDE = FourCC.of("vide");

    @TempDir
    Path dir;

    /**
     * sample_with_color_info: an iPhone's HEVC, where a Dolby Vision RPU (NAL unit type 62) ends every picture.
     * pixel-motion-photo-2-hevc-tracks: two HEVC tracks, told apart by their parameter sets; the second one's only
     * picture, stored after everything else, carries them in band.
     */
    @ParameterizedTest(name = "{0} cut at {1} of the mdat")
    @CsvSource({
        "sample_with_color_info.mp4, 1.0", "sample_with_color_info.mp4, 0.6",
        "pixel-motion-photo-2-hevc-tracks.mp4, 1.0", "pixel-motion-photo-2-hevc-tracks.mp4, 0.6"})
    void repair_realPhoneRecording_everyPresentVideoFrameBackByteExactInItsTrack(String name, double fraction)
            throws Exception {
        Path original = Fixtures.file("real/" + name);
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        long cut = m.start() + Math.round((m.end() - m.start()) * fraction);
        Path broken = BrokenFiles.withoutMoov(original, cut, dir.resolve("broken-" + name));
        Path out = dir.resolve("fixed-" + name);

        RepairReport report = Recovery.repair(original, broken, out);

        Map<Long, List<String>> expected = videoFrames(original, cut);
        Map<Long, Long> referenceTrack = new TreeMap<>();
        report.tracks().forEach(t -> referenceTrack.put(t.trackId(), t.referenceTrackId()));
        Map<Long, List<String>> actual = new TreeMap<>();
        videoFrames(out, Long.MAX_VALUE).forEach((id, frames) -> actual.put(referenceTrack.get(id), frames));
        assertTrue(expected.values().stream().mapToInt(List::size).sum() > 0);
        assertEquals(expected, actual, report.toString());
    }

    /**
     * Per video track id, "size sync sha-256" of each sample that ends at or before {@code limit}, in decode order;
     * tracks without one are left out (as a repair leaves them out).
     */
    private static Map<Long, List<String>> videoFrames(Path file, long limit) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        Map<Long, List<String>> out = new TreeMap<>();
        try (FileChannel ch = FileChannel.open(file)) {
            for (TrackSamples t : index.tracks()) {
                if (!t.handlerType().equals(VIDE)) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (int i = 0; i < t.sampleCount() && t.offset(i) + t.size(i) <= limit; i++) {
                    frames.add(t.size(i) + " " + (t.isSync(i) ? "sync" : "-") + " " + sha256(ch, t.offset(i),
                            (int) t.size(i)));
                }
                if (!frames.isEmpty()) {
                    out.put(t.trackId(), frames);
                }
            }
        }
        return out;
    }

    private static String sha256(FileChannel ch, long offset, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new IOException("sample past the end of the file");
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

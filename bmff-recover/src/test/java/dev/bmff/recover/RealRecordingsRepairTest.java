package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.ExternalTools;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files that real cameras and phones wrote (a GoPro with timecode, GPMF and SOS tracks; an iPhone's mebx tracks and
 * rotation; an iPhone HEVC whose every picture ends with a Dolby Vision RPU, NAL unit type 62; a Pixel motion photo
 * with two HEVC tracks told apart by their parameter sets; Android mett tracks) ({@code fixtures/real/}), with their moov lost (and their media cut),
 * repaired with the original as the reference: every sample of every track whose bytes are present comes back
 * byte for byte, in its track, and the picture is the right way up.
 */
class RealRecordingsRepairTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} cut at {1} of its media")
    @CsvSource({
        "karma.mp4, 1.0", "karma.mp4, 0.6",
        "meta.mov, 1.0", "meta.mov, 0.6",
        "h265_with_metadata_track.mp4, 1.0", "h265_with_metadata_track.mp4, 0.6",
        "hlg10-color-test.mp4, 1.0", "hlg10-color-test.mp4, 0.6",
        "sample_with_color_info.mp4, 1.0", "sample_with_color_info.mp4, 0.6",
        "pixel-motion-photo-2-hevc-tracks.mp4, 1.0", "pixel-motion-photo-2-hevc-tracks.mp4, 0.6"})
    void repair_lostMoov_everyPresentSampleOfEveryTrackBackExact(String name, double fraction) throws Exception {
        Path original = Fixtures.file("real/" + name);
        Path broken = dir.resolve("broken-" + name);
        long cut = BrokenFiles.lostMoov(original, fraction, broken);
        Path out = dir.resolve("fixed-" + name);

        RepairReport report = Recovery.repair(original, broken, out);

        Map<Long, List<String>> expected = present(original, cut);
        Map<Long, TrackSamples> originalTracks = tracks(original);
        ReadResult repaired = BoxReader.read(out, ReadOptions.strict());
        SampleIndex index = SampleIndex.of(repaired);
        // Every track with a sample present comes back (GoPro's timecode, telemetry and SOS, phones' metadata).
        assertEquals(expected.keySet(), report.tracks().stream().map(TrackReport::referenceTrackId)
                .collect(java.util.stream.Collectors.toSet()), report.toString());
        for (TrackReport t : report.tracks()) {
            TrackSamples got = index.tracks().get((int) t.trackId() - 1);
            TrackSamples source = originalTracks.get(t.referenceTrackId());
            assertSameSamples(expected.get(t.referenceTrackId()), hashes(out, got, Long.MAX_VALUE),
                    "track " + t.referenceTrackId() + " (" + t.codec() + ") of " + name + ": " + report);
            assertEquals(source.handlerType(), got.handlerType());
            assertEquals(source.sampleDescriptions(), got.sampleDescriptions(), "sample descriptions");
            assertEquals(header(source.trackBox()).matrix(), header(got.trackBox()).matrix(), "display matrix");
            assertEquals(source.trackBox().first(dev.bmff.core.FourCC.of("tref")).isPresent(),
                    got.trackBox().first(dev.bmff.core.FourCC.of("tref")).isPresent(), "track references");
        }
        MovieBox moov = repaired.movie().orElseThrow();
        assertEquals(BoxReader.read(original, ReadOptions.lenient()).movie().orElseThrow()
                .first(dev.bmff.core.box.UserDataBox.class), moov.first(dev.bmff.core.box.UserDataBox.class),
                "the movie's user data (make, model, firmware)");
        if (fraction == 1.0) {
            assertTrue(report.isComplete(), report.toString());
            // As players show it: decoded with autorotation, every picture equals the original's.
            assertEquals(videoFrames(original), videoFrames(out));
        } else if (index.tracks().stream().anyMatch(t -> t.handlerType().toString().equals("vide"))) {
            List<String> all = videoFrames(original);
            for (String frame : videoFrames(out)) {
                assertTrue(all.contains(frame), "a decoded picture the original does not have: " + frame);
            }
        }
    }

    private static void assertSameSamples(List<String> expected, List<String> actual, String what) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i), actual.get(i), "sample " + i + " differs; " + what);
        }
        assertEquals(expected.size(), actual.size(), "samples; " + what);
    }

    /** Per track id, the MD5 of each sample fully present before {@code cut}; tracks with none are left out. */
    private static Map<Long, List<String>> present(Path file, long cut) throws IOException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (TrackSamples t : tracks(file).values()) {
            List<String> h = hashes(file, t, cut);
            if (!h.isEmpty()) {
                out.put(t.trackId(), h);
            }
        }
        return out;
    }

    private static Map<Long, TrackSamples> tracks(Path file) throws IOException {
        Map<Long, TrackSamples> out = new LinkedHashMap<>();
        for (TrackSamples t : SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT)
                .tracks()) {
            out.put(t.trackId(), t);
        }
        return out;
    }

    private static List<String> hashes(Path file, TrackSamples t, long cut) throws IOException {
        List<String> out = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file)) {
            for (int i = 0; i < t.sampleCount(); i++) {
                if (t.offset(i) + t.size(i) > cut) {
                    continue;
                }
                ByteBuffer b = ByteBuffer.allocate((int) t.size(i));
                while (b.hasRemaining() && in.read(b, t.offset(i) + b.position()) > 0) {
                    continue;
                }
                out.add(md5(b.array()));
            }
        }
        return out;
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static TrackHeaderBox header(TrackBox t) {
        return t.first(TrackHeaderBox.class).orElseThrow();
    }

    /** The decoded pictures of the first video stream, rotated as players show them: "width x height hash". */
    private static List<String> videoFrames(Path file) {
        String out = ExternalTools.run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v:0",
                "-f", "framemd5", "-");
        List<String> frames = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split(",");
                frames.add(f[4].trim() + " " + f[5].trim());
            }
        }
        return frames;
    }
}

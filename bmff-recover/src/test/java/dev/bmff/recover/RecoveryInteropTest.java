package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Mp4BoxJs;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Repairs fixtures whose moov was removed (and whose mdat was cut), and checks the result with ffmpeg. */
class RecoveryInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} cut at {1} of the mdat")
    @CsvSource({
        "h264-aac.mp4, 1.0", "h264-aac.mp4, 0.63", "h264-aac.mp4, 0.271",
        "h264-baseline.mp4, 1.0", "h264-baseline.mp4, 0.5",
        "hevc-aac.mp4, 1.0", "hevc-aac.mp4, 0.77",
        "h264-twos.mov, 1.0", "h264-twos.mov, 0.41",
        "h264-sowt.mov, 1.0", "h264-sowt.mov, 0.83"})
    void repair_moovMissingAndCut_everyPresentFrameBackWithOriginalPicturesAndTimes(String name, double fraction)
            throws Exception {
        Path original = Fixtures.file(name);
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        long cut = m.start() + Math.round((m.end() - m.start()) * fraction);
        Path broken = BrokenFiles.withoutMoov(original, cut, dir.resolve("broken-" + name));
        Path out = dir.resolve("fixed-" + name);

        RepairReport report = Recovery.repair(original, broken, out);

        // Every sample whose bytes are present comes back, with its exact size, in every track.
        assertEquals(Expected.presentSizes(original, cut), Expected.sizes(out), report.toString());
        if (fraction == 1.0) {
            assertTrue(report.isComplete(), report.toString());
        }
        // Pictures and their presentation times equal the original's.
        Set<String> originalFrames = frames(original);
        List<String> repairedFrames = frameLines(out);
        assertEquals(Expected.presentSizes(original, cut).get(0).size(), repairedFrames.size());
        for (String f : repairedFrames) {
            assertTrue(originalFrames.contains(f), "frame not in the original (picture or pts differ): " + f);
        }
        if (fraction == 1.0) {
            assertEquals(ExternalTools.run("ffprobe", "-v", "error", "-show_entries",
                    "packet=stream_index,pts,dts,size,flags", "-of", "csv", original.toString()).replace("KD", "K_"),
                    ExternalTools.run("ffprobe", "-v", "error", "-show_entries",
                    "packet=stream_index,pts,dts,size,flags", "-of", "csv", out.toString()).replace("KD", "K_"));
            // Edit lists like the original's: AAC priming trimmed, B-frame delay skipped, same start and length.
            assertEquals(streamTimes(original), streamTimes(out));
        }
        // Audio (and video) decode without a single error (on standard error, where ffmpeg prints them).
        assertEquals("", ExternalTools.decodeErrors(out));
        // GPAC's parser reads the repaired index as ours does, and (whole files) as the original's.
        Mp4BoxJs.Probe probe = Mp4BoxJs.probe(out);
        assertEquals(List.of(), probe.errors(), "mp4box.js errors");
        Mp4BoxJs.assertSameSamples(Mp4BoxJs.lines(index(out), true), Mp4BoxJs.lines(probe, true), "repaired file");
        if (fraction == 1.0) {
            Mp4BoxJs.assertSameSamples(lastDurationDropped(Mp4BoxJs.lines(index(original), false)),
                    lastDurationDropped(Mp4BoxJs.lines(probe, false)), "repaired file against the original");
        }
    }

    /**
     * The samples with each track's last duration left out: a muxer may shorten the last audio frame to the
     * input's length (ffmpeg's 768 instead of 1024), which no byte of the media data records.
     */
    private static List<List<String>> lastDurationDropped(List<List<String>> tracks) {
        return tracks.stream().map(t -> {
            List<String> copy = new java.util.ArrayList<>(t);
            copy.set(copy.size() - 1, copy.get(copy.size() - 1).replaceAll(" d=\\d+", ""));
            return copy;
        }).toList();
    }

    private static SampleIndex index(Path file) throws java.io.IOException {
        return SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
    }

    /** Per stream, as ffprobe sees it through the edit list: start time, duration, and decoded frame count. */
    private static String streamTimes(Path file) {
        return ExternalTools.run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=index,codec_type,start_time,duration,nb_read_frames", "-of", "csv", file.toString());
    }

    @Test
    void repair_rawMediaWithoutAnyHeader_recoversEverything() throws Exception {
        Path original = Fixtures.file("h264-aac.mp4");
        Path raw = BrokenFiles.rawMedia(original, dir.resolve("raw.bin"));
        Path out = dir.resolve("fixed.mp4");
        RepairReport report = Recovery.repair(original, raw, out);
        assertTrue(report.isComplete(), report.toString());
        assertEquals(0, report.mediaOffset());
        assertEquals(Expected.sizes(original), Expected.sizes(out));
        assertEquals(frameLines(original), frameLines(out));
    }

    @Test
    void repair_garbageSplicedIntoMdat_skipsAndReportsItAndRecoversWhatFollows() throws Exception {
        Path original = Fixtures.file("h264-aac.mp4");
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        Path broken = BrokenFiles.withoutMoov(original, m.end(), dir.resolve("broken.mp4"));
        // At a sample boundary in the middle: the 30th video sample's offset.
        long at = dev.bmff.core.index.SampleIndex.of(dev.bmff.core.io.BoxReader.read(original,
                dev.bmff.core.io.ReadOptions.strict())).tracks().get(0).offset(30);
        byte[] garbage = new byte[7000];
        new java.util.Random(5).nextBytes(garbage);
        Path spliced = BrokenFiles.splice(broken, at, garbage, dir.resolve("spliced.mp4"));
        Path out = dir.resolve("fixed.mp4");

        RepairReport report = Recovery.repair(original, spliced, out);

        assertEquals(1, report.skipped().size(), report.toString());
        assertEquals(at, report.skipped().get(0).offset());
        assertEquals(garbage.length, report.skipped().get(0).length());
        assertEquals(Expected.sizes(original), Expected.sizes(out));
        assertEquals(frameLines(original), frameLines(out));
        assertEquals("", ExternalTools.decodeErrors(out));
    }

    @Test
    void repair_referenceOfOtherCodec_failsClearlyAndWritesNothing() throws Exception {
        Path original = Fixtures.file("h264-aac.mp4");
        Path broken = BrokenFiles.withoutMoov(original, BrokenFiles.mdat(original).end(), dir.resolve("b.mp4"));
        Path out = dir.resolve("fixed.mp4");
        ReferenceMismatchException e = assertThrows(ReferenceMismatchException.class,
                () -> Recovery.repair(Fixtures.file("hevc-aac.mp4"), broken, out));
        assertTrue(e.getMessage().contains("hvc1"), e.getMessage());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** framemd5 lines of the video as "pts,size,md5", in output order. */
    static List<String> frameLines(Path file) {
        String out = ExternalTools.run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v", "-f",
                "framemd5", "-");
        return Arrays.stream(out.split("\n")).filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> {
                    String[] f = l.split(",\\s*");
                    return f[2] + "," + f[4] + "," + f[5];
                }).collect(Collectors.toList());
    }

    static Set<String> frames(Path file) {
        return new HashSet<>(frameLines(file));
    }
}

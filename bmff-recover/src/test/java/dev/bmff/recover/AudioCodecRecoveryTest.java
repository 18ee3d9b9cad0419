package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FLAC, ALAC, MP3 (VBR), AC-3 and E-AC-3 recordings, alone and beside H.264 video, made by ffmpeg at test time, with
 * the moov lost and the media data cut at a few fractions: every sample whose bytes are present comes back byte for
 * byte in every track, and nothing else. The reference is another recording with the same settings and other content.
 */
class AudioCodecRecoveryTest {
    @TempDir
    Path dir;

    /** ffmpeg's audio arguments per codec ("-mov": the same in a QuickTime file). */
    private static List<String> audio(String codec) {
        return switch (codec.replace("-mov", "")) {
            case "flac" -> List.of("-c:a", "flac", "-strict", "-2");
            case "alac" -> List.of("-c:a", "alac");
            case "mp3" -> List.of("-c:a", "libmp3lame", "-q:a", "3");
            case "ac3" -> List.of("-c:a", "ac3");
            case "eac3" -> List.of("-c:a", "eac3");
            default -> throw new IllegalArgumentException(codec);
        };
    }

    /** The file name extension: m4a for ALAC as iTunes writes it, mov for the QuickTime variants. */
    private static String ext(String codec) {
        return codec.endsWith("-mov") ? "mov" : codec.equals("alac") ? "m4a" : "mp4";
    }

    /**
     * Two seconds of a tone with noise (so lossless and VBR frames vary in size), beside 160x120 H.264 with B-frames
     * when {@code video}; {@code seed} changes the content.
     */
    static Path make(Path out, String codec, boolean video, int seed) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
        if (video) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:decimals=" + (seed % 3)));
        }
        cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + (300 + 70 * seed) + ":sample_rate=48000", "-f",
                "lavfi", "-i", "anoisesrc=a=0.08:r=48000:seed=" + seed));
        int a = video ? 1 : 0;
        cmd.addAll(List.of("-filter_complex", "[" + a + "][" + (a + 1) + "]amix=inputs=2,aformat=channel_layouts=stereo[a]"));
        if (video) {
            cmd.addAll(List.of("-map", "0:v", "-c:v", "libx264", "-g", "25", "-bf", "2", "-pix_fmt", "yuv420p"));
        }
        cmd.addAll(List.of("-map", "[a]", "-t", "2"));
        cmd.addAll(audio(codec));
        cmd.add(out.toString());
        ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, cmd);
        return out;
    }

    @ParameterizedTest(name = "{0} video={1} cut at {2}")
    @CsvSource({
        "flac, false, 1.0", "flac, false, 0.47", "flac, true, 1.0", "flac, true, 0.61",
        "alac, false, 1.0", "alac, false, 0.53", "alac, true, 1.0", "alac, true, 0.38",
        "mp3, false, 1.0", "mp3, false, 0.44", "mp3, true, 1.0", "mp3, true, 0.72",
        "ac3, false, 1.0", "ac3, false, 0.35", "ac3, true, 1.0", "ac3, true, 0.58",
        "eac3, false, 1.0", "eac3, false, 0.66", "eac3, true, 1.0", "eac3, true, 0.29",
        "alac-mov, true, 0.81", "mp3-mov, true, 0.57", "eac3-mov, false, 0.74"})
    void repair_lostMoovAndCut_everyPresentSampleExact(String codec, boolean video, double fraction) throws Exception {
        String ext = ext(codec);
        Path reference = make(dir.resolve("reference." + ext), codec, video, 1);
        Path original = make(dir.resolve("original." + ext), codec, video, 2);
        Path broken = dir.resolve("broken." + ext);
        long cut = BrokenFiles.lostMoov(original, fraction, broken);
        Path out = dir.resolve("fixed." + ext);

        RepairReport report = Recovery.repair(reference, broken, out);

        assertEquals(bytes(original, cut), bytes(out, Long.MAX_VALUE), report.toString());
        if (fraction == 1.0) {
            assertTrue(report.isComplete(), report.toString());
            assertEquals("", ExternalTools.decodeErrors(out));
        }
    }

    /**
     * Cuts anywhere (random offsets after the first sample, seeded): the failures, none expected. The build runs a
     * few per codec; {@code -Daudio.cuts=N} runs more (the numbers in docs/codecs.md come from 200).
     */
    @ParameterizedTest(name = "{0} video={1}")
    @CsvSource({"flac, false", "flac, true", "alac, false", "alac, true", "mp3, false", "mp3, true", "ac3, true",
        "eac3, true"})
    void repair_cutAnywhere_everyPresentSampleExact(String codec, boolean video) throws Exception {
        String ext = ext(codec);
        Path reference = make(dir.resolve("reference." + ext), codec, video, 1);
        Path original = make(dir.resolve("original." + ext), codec, video, 2);
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        int cuts = Integer.getInteger("audio.cuts", 4);
        java.util.Random random = new java.util.Random(codec.hashCode() * 31 + (video ? 1 : 0));
        List<String> failures = new ArrayList<>();
        long exactSamples = 0;
        for (int i = 0, tried = 0; tried < cuts; i++) {
            double fraction = 0.02 + 0.98 * random.nextDouble();
            Path broken = dir.resolve("broken-" + i + "." + ext);
            long cut = BrokenFiles.lostMoov(original, fraction, broken);
            Path out = dir.resolve("fixed-" + i + "." + ext);
            List<List<String>> expected = bytes(original, cut);
            if (expected.isEmpty()) {
                // Cut before any sample ends: nothing to recover (the repair says the reference does not match).
                continue;
            }
            tried++;
            try {
                RepairReport report = Recovery.repair(reference, broken, out);
                List<List<String>> got = bytes(out, Long.MAX_VALUE);
                if (!expected.equals(got)) {
                    failures.add("cut at " + cut + " (" + fraction + "): " + summary(expected, got) + "\n" + report);
                } else {
                    exactSamples += expected.stream().mapToLong(List::size).sum();
                }
            } catch (java.io.IOException e) {
                failures.add("cut at " + cut + ": " + e);
            }
            Files.deleteIfExists(broken);
            Files.deleteIfExists(out);
        }
        System.out.println(codec + " video=" + video + ": " + (cuts - failures.size()) + " of " + cuts
                + " cuts exact (" + exactSamples + " samples)");
        assertEquals(List.of(), failures, cuts + " cuts");
    }

    /**
     * Random bytes spliced in at an audio sample's start in the middle: the repair skips exactly them, resynchronises
     * on the sample after them and gives back every sample byte for byte.
     */
    @ParameterizedTest(name = "{0} video={1}")
    @CsvSource({"flac, false", "flac, true", "alac, false", "alac, true", "mp3, false", "mp3, true", "ac3, false",
        "ac3, true", "eac3, false", "eac3, true"})
    void repair_garbageSplicedIn_skipsExactlyItAndRecoversEverySample(String codec, boolean video) throws Exception {
        String ext = ext(codec);
        Path reference = make(dir.resolve("reference." + ext), codec, video, 1);
        Path original = make(dir.resolve("original." + ext), codec, video, 2);
        BrokenFiles.Mdat m = BrokenFiles.mdat(original);
        Path broken = BrokenFiles.withoutMoov(original, m.end(), dir.resolve("broken." + ext));
        dev.bmff.core.index.TrackSamples audio = dev.bmff.core.index.SampleIndex.of(dev.bmff.core.io.BoxReader.read(
                original, dev.bmff.core.io.ReadOptions.strict())).tracks().get(video ? 1 : 0);
        long at = audio.offset(audio.sampleCount() / 2);
        byte[] garbage = new byte[7000];
        new java.util.Random(codec.hashCode()).nextBytes(garbage);
        Path spliced = BrokenFiles.splice(broken, at, garbage, dir.resolve("spliced." + ext));
        Path out = dir.resolve("fixed." + ext);

        RepairReport report = Recovery.repair(reference, spliced, out);

        assertEquals(1, report.skipped().size(), report.toString());
        assertEquals(at, report.skipped().get(0).offset(), report.toString());
        assertEquals(garbage.length, report.skipped().get(0).length(), report.toString());
        assertEquals(bytes(original, Long.MAX_VALUE), bytes(out, Long.MAX_VALUE), report.toString());
    }

    /** Per track: how many samples came back of how many, and the first that differs. */
    private static String summary(List<List<String>> expected, List<List<String>> got) {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < Math.max(expected.size(), got.size()); t++) {
            List<String> e = t < expected.size() ? expected.get(t) : List.of();
            List<String> g = t < got.size() ? got.get(t) : List.of();
            int same = 0;
            while (same < Math.min(e.size(), g.size()) && e.get(same).equals(g.get(same))) {
                same++;
            }
            b.append("track ").append(t + 1).append(": ").append(g.size()).append(" of ").append(e.size())
                    .append(", first ").append(same).append(" exact; ");
        }
        return b.toString();
    }

    /**
     * Per track that has any, "size sha1" of each sample that ends by {@code limit}, in decode order (a repair leaves
     * out a track of which nothing is present).
     */
    private static List<List<String>> bytes(Path file, long limit) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (List<String> track : Expected.contents(file, limit)) {
            out.add(track.stream().map(r -> r.substring(0, r.indexOf(',')) + " " + r.substring(r.lastIndexOf(',') + 1))
                    .toList());
        }
        out.removeIf(List::isEmpty);
        return out;
    }
}

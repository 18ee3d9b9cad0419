package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.ExternalTools;
import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MPEG-4 Part 2 (with and without B-frames), Motion JPEG and ProRes, alone and beside AAC or PCM, made by ffmpeg:
 * a recording that lost its moov, whole and cut at a few fractions of its media data, repaired with another recording
 * of the same settings as the reference. Every sample whose bytes are present comes back byte for byte with its
 * timing and sync flag, and nothing else, except that an MPEG-4 VOP the cut shortened is kept as the last video
 * sample (a VOP carries no length: see docs/codecs.md; beside PCM, the last VOP of the data also keeps the PCM after
 * it); the whole recording decodes to the original's framemd5.
 */
class FrameCodecRecoveryTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mpeg4|mp4|-c:v mpeg4 -g 10|",
        "mpeg4-aac|mp4|-c:v mpeg4 -g 10|-c:a aac",
        "mpeg4-bf-aac|mp4|-c:v mpeg4 -g 10 -bf 2|-c:a aac",
        "mpeg4-pcm|mov|-c:v mpeg4 -g 10|-c:a pcm_s16le",
        "mjpeg|mov|-c:v mjpeg|",
        "mjpeg-pcm|mov|-c:v mjpeg|-c:a pcm_s16le",
        "mjpeg-aac|mp4|-c:v mjpeg|-c:a aac",
        "prores|mov|-c:v prores_ks -profile:v 2 -pix_fmt yuv422p10le|",
        "prores4444-pcm|mov|-c:v prores_ks -profile:v 4 -pix_fmt yuva444p10le|-c:a pcm_s16le",
        "prores-aac|mov|-c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le|-c:a aac"})
    void lostMoov_wholeAndCut_everyPresentSampleExact(String name, String ext, String video, String audio)
            throws Exception {
        Path reference = make(dir.resolve("reference." + ext), "testsrc2", 2, video, audio);
        Path original = make(dir.resolve("original." + ext), "testsrc", 1, video, audio);
        boolean mpeg4 = name.startsWith("mpeg4");
        // PCM has no signature: after the last VOP of the data, where the VOP ends and the PCM starts is not known.
        boolean pcmTail = mpeg4 && name.endsWith("pcm");
        for (double fraction : new double[] {1.0, 0.83, 0.52, 0.31}) {
            Path broken = dir.resolve("broken-" + fraction + "." + ext);
            long cut = BrokenFiles.lostMoov(original, fraction, broken);
            Path out = dir.resolve("fixed-" + fraction + "." + ext);
            RepairReport report = Recovery.repair(reference, broken, out);
            String why = name + " cut at " + fraction + " (" + cut + ")\n" + report;
            List<List<String>> expected = Expected.contents(original, cut);
            List<List<String>> got = Expected.contents(out, Long.MAX_VALUE);
            assertEquals(expected.size(), got.size(), why);
            for (int t = 0; t < expected.size(); t++) {
                List<String> g = new ArrayList<>(got.get(t));
                List<String> e = new ArrayList<>(expected.get(t));
                if (mpeg4 && t == 0 && (fraction < 1 || pcmTail) && !g.isEmpty() && (g.size() > e.size()
                        || !g.get(g.size() - 1).equals(e.get(e.size() - 1)))) {
                    // The last VOP before the cut: a VOP carries no length, so it runs to the end of the data (it may be
                    // cut, or be followed by a cut audio frame). Its bytes are the original's from its start.
                    int last = g.size() - 1;
                    assertTrue(sameStart(original, out, last), why);
                    g.remove(last);
                    if (e.size() > last) {
                        e.remove(last);
                    }
                }
                if (pcmTail && t == 1 && g.size() < e.size()) {
                    // The PCM after the last VOP went with it: at most what two pictures' time holds.
                    assertTrue(e.size() - g.size() <= 2 * 48000 / 25, why);
                    e = e.subList(0, g.size());
                }
                assertEquals(bytes(e), bytes(g), why + "\ntrack " + t + ": " + diff(bytes(e), bytes(g)));
            }
            if (fraction < 1.0) {
                presentFramesDecodeAsTheOriginal(original, out, mpeg4, why);
                continue;
            }
            {
                String a = ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i", original.toString(), "-map",
                        pcmTail ? "0:v" : "0", "-f", "framemd5", "-");
                String b = ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i", out.toString(), "-map",
                        pcmTail ? "0:v" : "0", "-f", "framemd5", "-");
                if (pcmTail) {
                    // Every picture but the last (which holds the PCM after it).
                    a = a.substring(0, a.stripTrailing().lastIndexOf('\n'));
                    b = b.substring(0, b.stripTrailing().lastIndexOf('\n'));
                } else {
                    assertTrue(report.isComplete(), why);
                }
                assertEquals(a, b, why);
            }
        }
    }

    /**
     * Per sample "size,sync,hash": its bytes. Times are checked by framemd5 on the whole recording (a repaired
     * track's last sample lasts the usual duration, which an AAC track's shorter last frame does not).
     */
    private static List<String> bytes(List<String> rows) {
        return rows.stream().map(r -> r.split(",")).map(f -> f[0] + "," + f[3] + "," + f[4].substring(0, 8))
                .toList();
    }

    /**
     * Whether sample {@code i} of the first track of {@code repaired} and of {@code original} agree on the bytes both
     * hold (one may run further than the other).
     */
    private static boolean sameStart(Path original, Path repaired, int i) throws java.io.IOException {
        byte[] a = sampleBytes(original, i);
        byte[] b = sampleBytes(repaired, i);
        int n = Math.min(a.length, b.length);
        return n > 0 && java.util.Arrays.equals(a, 0, n, b, 0, n);
    }

    private static byte[] sampleBytes(Path file, int i) throws java.io.IOException {
        var t = dev.bmff.core.index.SampleIndex.of(dev.bmff.core.io.BoxReader.read(file,
                dev.bmff.core.io.ReadOptions.lenient())).tracks().get(0);
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            long size = Math.min(t.size(i), Math.max(0, ch.size() - t.offset(i)));
            return dev.bmff.core.io.PositionalReads.readFully(ch, t.offset(i), (int) size);
        }
    }

    /**
     * Every decoded frame of the repaired file (every stream) has the original's MD5 at the same presentation time,
     * but one of a stream the cut touched: the MPEG-4 picture of the VOP the cut shortened (or that holds the audio
     * after it; with B-frames it need not be the last shown), or the last PCM
     * packet (ffmpeg groups PCM by chunk, so a chunk the cut shortened is a shorter packet). Motion JPEG and ProRes
     * pictures all match.
     */
    private static void presentFramesDecodeAsTheOriginal(Path original, Path repaired, boolean mpeg4, String why) {
        java.util.Map<String, String> expected = new java.util.HashMap<>();
        for (String line : framemd5(original)) {
            String[] f = line.split(",");
            expected.put(f[0].strip() + "," + f[2].strip(), f[4].strip() + "," + f[5].strip());
        }
        java.util.Map<String, List<String>> differing = new java.util.TreeMap<>();
        java.util.Map<String, Long> lastPts = new java.util.HashMap<>();
        for (String line : framemd5(repaired)) {
            String[] f = line.split(",");
            String stream = f[0].strip();
            long pts = Long.parseLong(f[2].strip());
            lastPts.merge(stream, pts, Math::max);
            if (!(f[4].strip() + "," + f[5].strip()).equals(expected.get(stream + "," + pts))) {
                differing.computeIfAbsent(stream, k -> new ArrayList<>()).add(String.valueOf(pts));
            }
        }
        for (var e : differing.entrySet()) {
            // The video picture of the last VOP in decode order (with B-frames, not the last shown), or the last
            // PCM packet.
            boolean allowed = e.getValue().size() == 1 && (e.getKey().equals("0") ? mpeg4
                    : e.getValue().get(0).equals(String.valueOf(lastPts.get(e.getKey()))));
            assertTrue(allowed, why + "\nframes that differ from the original's: " + differing);
        }
    }

    private static List<String> framemd5(Path file) {
        return ExternalTools.run("ffmpeg", "-v", "quiet", "-nostdin", "-i", file.toString(), "-map", "0", "-f",
                "framemd5", "-").lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    /** Where two lists part: the index and what follows in each. */
    private static String diff(List<String> a, List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return "from sample " + i + ": " + a.subList(i, a.size()) + " vs " + b.subList(i, b.size());
    }

    private static Path make(Path out, String source, int seconds, String video, String audio) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                source + "=size=64x48:rate=25:duration=" + seconds));
        if (audio != null && !audio.isBlank()) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds));
        }
        cmd.addAll(List.of(video.split(" ")));
        if (audio != null && !audio.isBlank()) {
            cmd.addAll(List.of(audio.split(" ")));
        }
        cmd.add(out.toString());
        ExternalTools.run(cmd.toArray(String[]::new));
        return out;
    }
}

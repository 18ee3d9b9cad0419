package dev.bmff.rsv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.rsv.testing.GeneratedRsv;
import dev.bmff.rsv.testing.RsvGenerator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Checks a repaired RSV against what the generator recorded: with our reader, then with ffmpeg. */
final class RepairCheck {
    private RepairCheck() {
    }

    /** Our reader: every kept sample is the source's, in order, with the source's keyframe flags. */
    static void samples(GeneratedRsv g, Path out, Expectation e) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(out, ReadOptions.strict()));
        int tracks = 1 + g.pcm().size() + (g.settings().referenceRtmd() ? 1 : 0);
        assertEquals(tracks, index.tracks().size(), "tracks");
        TrackSamples video = index.tracks().get(0);
        assertEquals(e.frames(), video.sampleCount(), "video frames");
        try (FileChannel ch = FileChannel.open(out)) {
            for (int i = 0; i < video.sampleCount(); i++) {
                assertArrayEquals(g.frames().get(i), PositionalReads.readFully(ch, video.offset(i),
                        (int) video.size(i)), "frame " + i);
                assertEquals(g.sync()[i], video.isSync(i), "keyframe flag of frame " + i);
            }
            for (int t = 0; t < g.pcm().size(); t++) {
                byte[] all = trackBytes(ch, index.tracks().get(1 + t));
                long total = all.length;
                assertEquals(e.audioBytes()[t], total, "audio bytes of track " + t);
                assertArrayEquals(Arrays.copyOf(g.pcm().get(t), (int) total), all, "audio of track " + t);
            }
            if (g.settings().referenceRtmd()) {
                TrackSamples m = index.tracks().get(tracks - 1);
                assertEquals("rtmd", m.sampleDescriptions().get(0).type().toString());
                assertEquals(e.packets(), m.sampleCount(), "rtmd packets");
                for (int i = 0; i < m.sampleCount(); i++) {
                    assertArrayEquals(RsvGenerator.packet(i, g.settings().packetSize()),
                            PositionalReads.readFully(ch, m.offset(i), (int) m.size(i)), "rtmd packet " + i);
                }
            }
        }
    }

    /**
     * ffmpeg: decoding every stream prints nothing; every decoded picture is one of the source's, at the same time
     * (relative to the first), and as many as kept; each audio track decodes to the source's PCM.
     */
    static void ffmpeg(GeneratedRsv g, Path out, Expectation e) throws IOException {
        String errors = runMerged(List.of("ffmpeg", "-v", "error", "-i", out.toString(), "-map", "0:v", "-map",
                "0:a?", "-f", "null", "-"));
        assertEquals("", errors, "ffmpeg decoding the repaired file");
        List<String> repaired = framemd5(out);
        List<String> source = framemd5(g.source());
        assertEquals(e.frames(), repaired.size(), "pictures ffmpeg decodes");
        if (e.frames() == g.frames().size()) {
            assertEquals(source, repaired, "framemd5 of the whole stream");
        } else {
            Set<String> known = new HashSet<>(source);
            for (String line : repaired) {
                assertTrue(known.contains(line), "a picture the source does not have: " + line);
            }
        }
        String raw = switch (g.settings().audio()) {
            case TWOS -> "s16be";
            case SOWT -> "s16le";
            case IPCM4 -> "s24be";
        };
        for (int t = 0; t < g.pcm().size(); t++) {
            Path pcm = out.resolveSibling(out.getFileName() + ".a" + t + ".raw");
            ExternalTools.run(List.of("ffmpeg", "-v", "error", "-y", "-i", out.toString(), "-map", "0:a:" + t, "-f",
                    raw, pcm.toString()).toArray(String[]::new));
            byte[] decoded = Files.readAllBytes(pcm);
            assertArrayEquals(Arrays.copyOf(g.pcm().get(t), (int) e.audioBytes()[t]), decoded,
                    "audio track " + t + " as ffmpeg decodes it");
        }
    }

    /** "relative pts, md5" of each decoded picture. */
    private static List<String> framemd5(Path file) {
        String text = ExternalTools.run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v", "-f",
                "framemd5", "-");
        List<String> out = new ArrayList<>();
        long first = Long.MIN_VALUE;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            long pts = Long.parseLong(f[2].trim());
            if (first == Long.MIN_VALUE) {
                first = pts;
            }
            out.add((pts - first) + "," + f[5].trim());
        }
        return out;
    }

    /** Runs a command; returns its merged standard output and error. */
    private static String runMerged(List<String> command) throws IOException {
        List<String> argv = new ArrayList<>(command);
        argv.set(0, ExternalTools.require(argv.get(0)).toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] all = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
        return new String(all, StandardCharsets.UTF_8).trim();
    }

    /** A track's sample bytes, in order, read a run of adjacent samples at a time (PCM has one per frame). */
    static byte[] trackBytes(FileChannel ch, TrackSamples t) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < t.sampleCount()) {
            long start = t.offset(i);
            long end = start + t.size(i);
            int j = i + 1;
            while (j < t.sampleCount() && t.offset(j) == end) {
                end += t.size(j);
                j++;
            }
            out.writeBytes(PositionalReads.readFully(ch, start, (int) (end - start)));
            i = j;
        }
        return out.toByteArray();
    }

}

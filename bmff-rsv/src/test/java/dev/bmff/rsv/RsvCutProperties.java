package dev.bmff.rsv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.recover.RepairException;
import dev.bmff.rsv.testing.GeneratedRsv;
import dev.bmff.rsv.testing.RsvGenerator;
import dev.bmff.rsv.testing.RsvSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * An RSV cut anywhere: the repair either fails with a clear {@link RepairException} (and writes nothing) or keeps a
 * prefix of the source's frames, audio and rtmd packets, byte for byte, losing at most the one frame the cut makes
 * ambiguous.
 */
class RsvCutProperties {
    private static final Path DIR = Path.of("target", "rsv-cut-properties");
    private static List<GeneratedRsv> files;

    private static synchronized List<GeneratedRsv> files() {
        if (files == null) {
            try {
                files = List.of(
                        RsvGenerator.generate(RsvSettings.h264().withFrames(40).withGops(10, List.of(12, 5, 9))
                                .withPlantedRtmd(true), DIR.resolve("h264")),
                        RsvGenerator.generate(RsvSettings.h264().withHevc(true).withRate("24000/1001").withFrames(30)
                                .withGop(8).withAudio(RsvSettings.Audio.IPCM4).withPacketSize(11_264),
                                DIR.resolve("hevc")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    @Property(tries = 100)
    void cutAnywhere_failsClearlyOrKeepsOnlySourceBytes(@ForAll boolean hevc,
            @ForAll @DoubleRange(min = 0, max = 1) double where) throws IOException {
        GeneratedRsv g = files().get(hevc ? 1 : 0);
        check(g, Math.round(g.size() * where));
    }

    /** Cuts a few bytes around a boundary: a frame start, an audio chunk, an rtmd packet, a GOP's end. */
    @Property(tries = 200)
    void cutNearABoundary_failsClearlyOrKeepsOnlySourceBytes(@ForAll boolean hevc,
            @ForAll @IntRange(min = 0, max = 100_000) int which, @ForAll @IntRange(min = -20, max = 20) int delta)
            throws IOException {
        GeneratedRsv g = files().get(hevc ? 1 : 0);
        List<Long> boundaries = new ArrayList<>();
        for (long f : g.frameOffsets()) {
            boundaries.add(f);
        }
        for (long p : g.packetOffsets()) {
            boundaries.add(p);
        }
        for (GeneratedRsv.Gop gop : g.gops()) {
            gop.audio().forEach(a -> boundaries.add(a[0]));
            boundaries.add(gop.end());
        }
        long cut = Math.max(0, Math.min(g.size(), boundaries.get(which % boundaries.size()) + delta));
        check(g, cut);
    }

    private static void check(GeneratedRsv g, long cut) throws IOException {
        Path dir = Files.createTempDirectory(DIR, "cut");
        try {
            check(g, cut, dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void check(GeneratedRsv g, long cut, Path dir) throws IOException {
        Path rsv = dir.resolve("cut.RSV");
        try (FileChannel in = FileChannel.open(g.rsv()); FileChannel out = FileChannel.open(rsv,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            in.transferTo(0, cut, out);
        }
        Path repaired = dir.resolve("out.mp4");
        try {
            RsvRecovery.repair(g.reference(), rsv, repaired);
        } catch (RepairException e) {
            assertFalse(Files.exists(repaired), "no output after a failure");
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            return;
        }
        SampleIndex index = SampleIndex.of(BoxReader.read(repaired, ReadOptions.strict()));
        TrackSamples video = index.tracks().get(0);
        int whole = g.framesBefore(cut);
        assertTrue(video.sampleCount() >= whole - 1 && video.sampleCount() <= whole,
                video.sampleCount() + " frames kept of " + whole + " whole ones before the cut at " + cut);
        try (FileChannel ch = FileChannel.open(repaired)) {
            for (int i = 0; i < video.sampleCount(); i++) {
                assertArrayEquals(g.frames().get(i), PositionalReads.readFully(ch, video.offset(i),
                        (int) video.size(i)), "frame " + i + " with the cut at " + cut);
            }
            // Audio tracks follow the video; a track that got no sample is left out (only trailing ones can be).
            List<TrackSamples> audio = index.tracks().stream().filter(x -> x.handlerType().toString().equals("soun"))
                    .toList();
            for (int t = 0; t < audio.size(); t++) {
                byte[] all = RepairCheck.trackBytes(ch, audio.get(t));
                assertArrayEquals(Arrays.copyOf(g.pcm().get(t), all.length), all,
                        "audio track " + t + " with the cut at " + cut);
            }
            TrackSamples rtmd = index.tracks().stream().filter(x -> x.sampleDescriptions().get(0).type().toString()
                    .equals("rtmd")).findFirst().orElseThrow();
            for (int i = 0; i < rtmd.sampleCount(); i++) {
                assertArrayEquals(RsvGenerator.packet(i, g.settings().packetSize()),
                        PositionalReads.readFully(ch, rtmd.offset(i), (int) rtmd.size(i)), "rtmd packet " + i);
            }
        }
    }
}

package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.recover.testing.BrokenFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H.264 with 16-bit PCM in a .mov, moov lost and the media data cut where the PCM matcher has to guess: where a
 * chunk's length would reach exactly to the cut (from a picture's start, or from a chunk's start over the picture
 * after it), a few bytes into the picture after a chunk, a few bytes into a packet; and anywhere (sowt).
 * Every video sample and every PCM byte of the original that is present comes back byte-exact, and nothing else:
 * only a packet cut within its first {@link #UNRECOGNIZABLE} bytes loses them (they cannot be told from the start
 * of a picture the cut left). Little-endian PCM: with big-endian ({@code twos}) a quiet chunk's first bytes can
 * read as a NAL unit the cut cuts, and the chunk is then given up (a limit of the picture start check).
 */
class PcmCutRecoveryTest {
    @TempDir
    Path dir;

    /** As PcmMatcher's: fewer bytes than a sample start can be recognized by. */
    private static final long UNRECOGNIZABLE = 8;

    @Test
    void repair_cutWhereOnlyTheEndWouldConfirmAChunk_keepsEveryPresentFrameAndPacketByteExact() throws Exception {
        String name = "h264-sowt.mov";
        Path original = Fixtures.file(name);
        TreeSet<Long> cuts = new TreeSet<>();
        Layout l = Layout.of(original);
        for (int i = 0; i < l.video().sampleCount(); i++) {
            // From a picture's start, whole packets on (the audio may be due there by its timing).
            for (int k = 1; k <= 3; k++) {
                cuts.add(l.video().offset(i) + k * l.packet());
            }
        }
        for (long[] c : l.chunks()) {
            // From a chunk's start, whole packets on: past the picture after it, into the next chunk.
            for (int k = 1; k <= 4; k++) {
                if (videoBetween(l.video(), c[1], c[0] + k * l.packet())) {
                    cuts.add(c[0] + k * l.packet());
                }
            }
            // A few bytes into the picture that follows the chunk (too few to tell it), and into the chunk's
            // second packet.
            for (long r : new long[] {1, 2, 4, 7, 9}) {
                if (videoBetween(l.video(), c[1], c[1] + 1)) {
                    cuts.add(c[1] + r);
                }
                if (c[1] - c[0] > l.packet()) {
                    cuts.add(c[0] + l.packet() + r - 1);
                }
            }
        }
        // Before the first picture ends there is nothing to recover.
        cuts.removeIf(cut -> cut >= l.mdat().end() || cut < l.video().offset(0) + l.video().size(0));
        assertTrue(cuts.size() > 100, "cuts of every kind: " + cuts.size());
        assertEquals(List.of(), failures(l, cuts), cuts.size() + " cuts");

        // The whole file through ffmpeg: every picture and every audio packet as the original's.
        Path broken = BrokenFiles.withoutMoov(original, l.mdat().end(), dir.resolve("broken-" + name));
        Path out = dir.resolve("fixed-" + name);
        RepairReport report = Recovery.repair(original, broken, out);
        assertTrue(report.isComplete(), report.toString());
        assertEquals(packets(original), packets(out));
        assertEquals("", ExternalTools.decodeErrors(out));
    }

    @Test
    void repair_littleEndianPcmCutAnywhere_keepsEveryPresentFrameAndPacketByteExact() throws Exception {
        Layout l = Layout.of(Fixtures.file("h264-sowt.mov"));
        Random random = new Random(20);
        TreeSet<Long> cuts = new TreeSet<>();
        // After the first picture: before it ends there is nothing to recover.
        long from = l.video().offset(0) + l.video().size(0);
        while (cuts.size() < 300) {
            cuts.add(from + (long) (random.nextDouble() * (l.mdat().end() - from)));
        }
        assertEquals(List.of(), failures(l, cuts), cuts.size() + " cuts");
    }

    /** Where the original's samples are. */
    private record Layout(Path file, byte[] bytes, BrokenFiles.Mdat mdat, TrackSamples video, TrackSamples audio,
            List<long[]> chunks, long packet) {
        static Layout of(Path file) throws IOException {
            SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
            TrackSamples audio = index.tracks().get(1);
            List<long[]> chunks = PcmCutRecoveryTest.chunks(audio);
            long packet = 0;
            for (int c = 0; c + 1 < chunks.size(); c++) {
                packet = gcd(packet, chunks.get(c)[1] - chunks.get(c)[0]);
            }
            return new Layout(file, Files.readAllBytes(file), BrokenFiles.mdat(file), index.tracks().get(0), audio,
                    chunks, packet);
        }

        /** The PCM bytes present before {@code cut}, but a packet's first bytes when fewer are there. */
        String audioBefore(long cut) {
            long end = cut;
            for (long[] c : chunks) {
                if (c[0] < cut && cut < c[1] && (cut - c[0]) % packet < UNRECOGNIZABLE) {
                    end = cut - (cut - c[0]) % packet;
                }
            }
            return pcm(bytes, audio, end);
        }
    }

    /** What differs from the original at each cut: video samples or PCM bytes missing, changed or added. */
    private List<String> failures(Layout l, Iterable<Long> cuts) throws IOException {
        List<String> failures = new ArrayList<>();
        String name = l.file().getFileName().toString();
        for (long cut : cuts) {
            Path broken = BrokenFiles.withoutMoov(l.file(), cut, dir.resolve("broken-" + name));
            Path out = dir.resolve("fixed-" + name);
            RepairReport report;
            try {
                report = Recovery.repair(l.file(), broken, out);
            } catch (IOException e) {
                failures.add("cut at " + cut + ": " + e);
                continue;
            }
            byte[] fixed = Files.readAllBytes(out);
            SampleIndex repaired = SampleIndex.of(BoxReader.read(out, ReadOptions.strict()));
            List<String> expectedVideo = hashes(l.bytes(), l.video(), cut);
            List<String> gotVideo = hashes(fixed, repaired.tracks().get(0), Long.MAX_VALUE);
            String expectedAudio = l.audioBefore(cut);
            String gotAudio = repaired.tracks().size() < 2 ? "" : pcm(fixed, repaired.tracks().get(1), Long.MAX_VALUE);
            if (!expectedVideo.equals(gotVideo) || !expectedAudio.equals(gotAudio)) {
                failures.add("cut at " + cut + ": video " + gotVideo.size() + " of " + expectedVideo.size()
                        + (expectedVideo.equals(gotVideo) ? " (exact)" : " (differ)") + ", audio bytes "
                        + gotAudio.length() / 2 + " of " + expectedAudio.length() / 2
                        + (expectedAudio.equals(gotAudio) ? " (exact)" : " (differ)") + "\n" + report);
            }
        }
        return failures;
    }

    /** framemd5 of every stream's packets as stored (-c copy): size and bytes of each video and audio packet. */
    private static List<String> packets(Path file) {
        String s = ExternalTools.run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0", "-c", "copy", "-f",
                "framemd5", "-");
        return s.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    /** Runs of contiguous samples of {@code t}: [start, end) in the file. */
    private static List<long[]> chunks(TrackSamples t) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < t.sampleCount(); i++) {
            if (!out.isEmpty() && out.get(out.size() - 1)[1] == t.offset(i)) {
                out.get(out.size() - 1)[1] += t.size(i);
            } else {
                out.add(new long[] {t.offset(i), t.offset(i) + t.size(i)});
            }
        }
        return out;
    }

    private static boolean videoBetween(TrackSamples video, long from, long to) {
        for (int i = 0; i < video.sampleCount(); i++) {
            if (video.offset(i) >= from && video.offset(i) < to) {
                return true;
            }
        }
        return false;
    }

    /** Each sample of {@code t} that ends by {@code cut}, as hex, in decode order (stopping at the first absent). */
    private static List<String> hashes(byte[] file, TrackSamples t, long cut) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.sampleCount() && t.offset(i) + t.size(i) <= cut; i++) {
            out.add(HexFormat.of().formatHex(file, (int) t.offset(i), (int) (t.offset(i) + t.size(i))));
        }
        return out;
    }

    /** The PCM bytes of the samples of {@code t} that end by {@code cut}, as hex. */
    private static String pcm(byte[] file, TrackSamples t, long cut) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < t.sampleCount() && t.offset(i) + t.size(i) <= cut; i++) {
            b.write(file, (int) t.offset(i), (int) t.size(i));
        }
        return HexFormat.of().formatHex(b.toByteArray());
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}

package dev.bmff.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares our {@link SampleIndex} with ffmpeg's mov demuxer (ffprobe), packet for packet, for every
 * fixture. ffprobe is the reference: it is run at test time on the fixture at hand, never replaced by
 * numbers stored from one run (the fixtures differ slightly between ffmpeg/x264 versions).
 *
 * <p>{@code -ignore_editlist 1} makes ffmpeg index the samples as stored (no edit-list trimming or
 * reordering), which is what our index describes; the edit list is kept separately in
 * {@link TrackSamples#editList()}. Absolute timestamps are still not comparable (ffmpeg may shift a
 * stream's dts, e.g. by an empty edit's duration or to make negative composition offsets positive), so
 * we compare what is shift-invariant: the dts deltas between consecutive packets and pts - dts.
 */
class SampleIndexFfprobeTest {
    /**
     * Uncompressed audio sample entries: ISO BMFF/QuickTime store one sample per PCM frame (2 bytes for
     * 16-bit mono), but ffmpeg's mov demuxer groups contiguous frames of a chunk into larger packets
     * (mov_build_index, "if sample size is constant, group samples"), so packets and samples cannot be
     * compared one to one.
     */
    private static final Set<String> PCM_ENTRIES = Set.of("twos", "sowt", "raw ", "lpcm", "in24", "in32",
            "fl32", "fl64", "NONE");

    private static Path ffprobe;

    @BeforeAll
    static void tools() {
        ffprobe = ExternalTools.ffprobe();
    }

    static Stream<Path> fixtures() {
        return Fixtures.all().stream();
    }

    /** One line of ffprobe's packet output. */
    record Packet(int stream, long pts, long dts, Long duration, long size, long pos, boolean key) {
        long end() {
            return pos + size;
        }
    }

    /** One line of ffprobe's stream output. */
    record Stream0(int index, long id, String codecName) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void sampleIndex_everyFixture_matchesFfprobePackets(Path file) throws Exception {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        List<Stream0> streams = streams(file);
        List<List<Packet>> packets = packets(file, streams.size());

        assertEquals(streams.size(), index.tracks().size(), file + ": ffprobe streams vs our tracks");
        for (int i = 0; i < streams.size(); i++) {
            TrackSamples track = index.tracks().get(i);
            Stream0 stream = streams.get(i);
            String where = file.getFileName() + " stream " + i + " (track " + track.trackId() + ", "
                    + stream.codecName() + ")";
            // ffprobe's stream index i must be our i-th track: same track_ID (ffprobe prints it as "id").
            assertEquals(track.trackId(), stream.id(), where + ": track_ID");
            assertTrue(track.sampleCount() > 0, where + ": no samples");
            String entry = track.sampleDescriptions().isEmpty() ? ""
                    : track.sampleDescriptions().get(0).type().toString();
            if (PCM_ENTRIES.contains(entry)) {
                assertTrue(stream.codecName().startsWith("pcm_"), where + ": " + entry + " but ffprobe says "
                        + stream.codecName());
                comparePcm(where, track, packets.get(i));
            } else {
                comparePackets(where, track, packets.get(i));
            }
        }
    }

    /**
     * Compressed tracks: one sample is one packet. Where composition offsets are negative (ctts version 1,
     * trun version 1: the negcts and CMAF fixtures), ffmpeg adds a "dts shift" to every pts so that no pts
     * precedes its dts (mov.c, mov_update_dts_shift): the largest -offset among the negative offsets. Our
     * index keeps the offsets as the file stores them, so ffprobe's pts - dts is ours plus that shift.
     */
    private static void comparePackets(String where, TrackSamples track, List<Packet> packets) {
        assertEquals(packets.size(), track.sampleCount(), where + ": packet count");
        long dtsShift = 0;
        for (int n = 0; n < track.sampleCount(); n++) {
            dtsShift = Math.max(dtsShift, track.dts(n) - track.cts(n));
        }
        for (int n = 0; n < packets.size(); n++) {
            Packet p = packets.get(n);
            String at = where + " sample " + n;
            assertEquals(p.pos(), track.offset(n), at + ": position");
            assertEquals(p.size(), track.size(n), at + ": size");
            assertEquals(p.key(), track.isSync(n), at + ": keyframe flag");
            assertEquals(p.pts() - p.dts(), track.cts(n) - track.dts(n) + dtsShift,
                    at + ": pts - dts (ffmpeg dts shift " + dtsShift + ")");
            if (n + 1 < packets.size()) {
                assertEquals(packets.get(n + 1).dts() - p.dts(), track.dts(n + 1) - track.dts(n),
                        at + ": dts(n+1) - dts(n)");
            }
        }
    }

    /**
     * PCM tracks: our index has one sample per PCM frame while ffmpeg returns packets of many frames
     * (see {@link #PCM_ENTRIES}). Compare what must agree whatever the grouping: the merged contiguous
     * byte ranges (both must cover exactly the same bytes of the file) and the total duration.
     */
    private static void comparePcm(String where, TrackSamples track, List<Packet> packets) {
        List<long[]> ours = new ArrayList<>();
        long ourFrames = 0;
        for (int n = 0; n < track.sampleCount(); n++) {
            merge(ours, track.offset(n), track.offset(n) + track.size(n));
            ourFrames++;
        }
        List<long[]> theirs = new ArrayList<>();
        long theirDuration = 0;
        for (Packet p : packets) {
            merge(theirs, p.pos(), p.end());
            assertTrue(p.duration() != null, where + ": PCM packet at " + p.pos() + " has no duration");
            theirDuration += p.duration();
            assertTrue(p.key(), where + ": PCM packet at " + p.pos() + " not a keyframe");
        }
        assertEquals(describe(theirs), describe(ours), where + ": byte ranges covered by the samples");
        assertEquals(theirDuration, track.totalDuration(), where + ": total duration");
        for (int n = 0; n < track.sampleCount(); n++) {
            assertTrue(track.isSync(n), where + " sample " + n + ": PCM sample not sync");
        }
        assertTrue(ourFrames >= packets.size(), where + ": fewer samples than packets");
    }

    private static void merge(List<long[]> ranges, long start, long end) {
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == start) {
            ranges.get(ranges.size() - 1)[1] = end;
        } else {
            ranges.add(new long[] {start, end});
        }
    }

    private static String describe(List<long[]> ranges) {
        StringBuilder sb = new StringBuilder();
        for (long[] r : ranges) {
            sb.append('[').append(r[0]).append(", ").append(r[1]).append(")\n");
        }
        return sb.toString();
    }

    private static List<Stream0> streams(Path file) {
        String out = ExternalTools.run(ffprobe.toString(), "-v", "error", "-show_entries",
                "stream=index,id,codec_name", "-of", "csv=p=0:nk=0", file.toString());
        List<Stream0> streams = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // Key=value so the order ffprobe prints the fields in does not matter.
            int index = -1;
            long id = -1;
            String codec = "";
            for (String kv : line.strip().split(",")) {
                String[] f = kv.split("=", 2);
                switch (f[0]) {
                    case "index" -> index = Integer.parseInt(f[1]);
                    case "id" -> id = Long.decode(f[1]);
                    case "codec_name" -> codec = f[1];
                    default -> {
                    }
                }
            }
            assertEquals(streams.size(), index, "ffprobe streams out of order: " + out);
            streams.add(new Stream0(index, id, codec));
        }
        return streams;
    }

    /**
     * Runs {@code ffprobe -v error -ignore_editlist 1 -show_packets -show_entries
     * packet=stream_index,pts,dts,duration,size,pos,flags -of csv=p=0 FILE}. ffprobe prints the
     * requested fields in its own order, not the order of -show_entries: stream_index, pts, dts,
     * duration, size, pos, flags (ffprobe 5.1 show_packet). Flags are two characters, "K" or "_" for
     * keyframe then "D" or "_" for discard.
     */
    private static List<List<Packet>> packets(Path file, int streamCount) {
        String out = ExternalTools.run(ffprobe.toString(), "-v", "error", "-ignore_editlist", "1", "-show_packets",
                "-show_entries", "packet=stream_index,pts,dts,duration,size,pos,flags", "-of", "csv=p=0",
                file.toString());
        List<List<Packet>> perStream = new ArrayList<>();
        for (int i = 0; i < streamCount; i++) {
            perStream.add(new ArrayList<>());
        }
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split(",");
            if (f.length != 7 || !f[6].matches("[K_][D_].*")) {
                fail("unexpected ffprobe packet line (field order changed?): " + line);
            }
            // Duration may be N/A: ffmpeg does not store sample durations in its index, mov_read_packet
            // derives them as next_dts - dts (or st->duration for the last sample), and leaves them unset
            // when that is negative. It is therefore only used for the PCM total, never per packet.
            Long duration = f[3].equals("N/A") ? null : num(f[3], line);
            Packet p = new Packet(Integer.parseInt(f[0]), num(f[1], line), num(f[2], line), duration,
                    num(f[4], line), num(f[5], line), f[6].charAt(0) == 'K');
            perStream.get(p.stream()).add(p);
        }
        return perStream;
    }

    private static long num(String s, String line) {
        if (s.equals("N/A")) {
            return fail("ffprobe gave N/A in " + line);
        }
        return Long.parseLong(s);
    }
}

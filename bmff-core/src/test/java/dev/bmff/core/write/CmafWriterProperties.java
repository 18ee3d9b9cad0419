package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.io.Segments;
import dev.bmff.core.testing.CmafRules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any sample sequence a recorder could give (a keyframe first, GOPs of any length, B-frame offsets, audio
 * interleaved) written by {@link CmafWriter}, multiplexed or as separate tracks, with or without sidx: every
 * playlist keeps the CMAF rules, and its segments read back in order through our reader are exactly the
 * samples written (audio marked sync).
 */
class CmafWriterProperties {

    @Property(tries = 40)
    void randomSamples_keepTheRules_andReadBackAsWritten(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int count, @ForAll boolean separate, @ForAll boolean sidx)
            throws IOException {
        Random rnd = new Random(seed);
        List<TrackSpec> specs = List.of(
                TrackSpec.video(VisualSampleEntry.of(FourCC.of("avc1"), 64, 48, List.of()), 90_000),
                TrackSpec.audio(AudioSampleEntry.of(FourCC.of("mp4a"), 2, 16, 48_000, List.of()), 48_000));
        long[] dts = new long[2];
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int t = i == 0 ? 0 : rnd.nextInt(3) == 0 ? 1 : 0;
            byte[] data = new byte[1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 20_000 : 300)];
            rnd.nextBytes(data);
            boolean sync = t == 0 ? dts[0] == 0 || rnd.nextInt(10) == 0 : rnd.nextBoolean();
            int cto = t == 1 ? 0 : rnd.nextInt(6000);
            samples.add(new Sample(t, Bytes.of(data), dts[t], cto, Sample.UNKNOWN_DURATION, sync));
            dts[t] += t == 1 ? 1024 : 1 + rnd.nextInt(rnd.nextBoolean() ? 3003 : 30_000);
        }
        Path dir = Files.createTempDirectory("bmff-cmaf-prop");
        try {
            CmafWriter.Options o = CmafWriter.Options.defaults().withSeparateTracks(separate).withSegmentIndex(sidx)
                    .withSegmentDuration(Duration.ofMillis(100 + rnd.nextInt(3000)));
            try (CmafWriter w = CmafWriter.create(dir, specs, o)) {
                for (Sample s : samples) {
                    w.write(s);
                }
            }
            List<List<String>> got = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
            for (int r = 0; r < (separate ? 2 : 1); r++) {
                Path playlist = dir.resolve(separate ? "track" + (r + 1) + ".m3u8" : CmafWriter.PLAYLIST);
                if (separate && !Files.exists(playlist)) {
                    continue; // no sample of that track
                }
                assertEquals(List.of(), CmafRules.check(playlist, true));
                read(dir, CmafRules.playlist(playlist), separate ? r : -1, got);
            }
            for (int t = 0; t < 2; t++) {
                int track = t;
                List<String> expected = samples.stream().filter(s -> s.track() == track)
                        .map(s -> describe(s.data().toArray(), s.dts(), s.compositionOffset(),
                                s.sync() || track == 1)).toList();
                assertEquals(expected, got.get(t), "track " + t);
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Every sample of the playlist's segments, read with our reader, into {@code got} by track. */
    private static void read(Path dir, CmafRules.Playlist p, int onlyTrack, List<List<String>> got)
            throws IOException {
        ReadResult init = BoxReader.read(dir.resolve(p.init()), ReadOptions.strict());
        for (String name : p.segments()) {
            Path segment = dir.resolve(name);
            SampleIndex index = SampleIndex.of(Segments.combine(init, BoxReader.read(segment, ReadOptions.strict()),
                    p.init()));
            try (FileChannel ch = FileChannel.open(segment)) {
                for (TrackSamples t : index.tracks()) {
                    int track = onlyTrack >= 0 ? onlyTrack : (int) t.trackId() - 1;
                    for (int i = 0; i < t.sampleCount(); i++) {
                        ByteBuffer b = ByteBuffer.allocate((int) t.size(i));
                        PositionalReads.readFully(ch, t.offset(i), b);
                        got.get(track).add(describe(b.array(), t.dts(i), t.cts(i) - t.dts(i), t.isSync(i)));
                    }
                }
            }
        }
    }

    private static String describe(byte[] data, long dts, long cto, boolean sync) {
        return dts + "/" + cto + "/" + sync + "/" + java.util.Arrays.hashCode(data) + "/" + data.length;
    }
}

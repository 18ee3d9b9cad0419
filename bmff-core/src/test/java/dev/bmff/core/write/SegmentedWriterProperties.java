package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.ReadOptions;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any sample sequence written through the segmented writer, whatever the inner layout, reads back from the
 * segments, in order, as exactly the samples written: each once, with its bytes, keyframe flag, composition
 * offset and decode step; and every segment starts with a video keyframe.
 */
class SegmentedWriterProperties {

    @Property(tries = 40)
    void randomSamples_writtenInSegments_readBackOnceInOrder(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int count, @ForAll @IntRange(min = 0, max = 2) int layout)
            throws Exception {
        Random rnd = new Random(seed);
        List<TrackSpec> specs = List.of(
                TrackSpec.video(VisualSampleEntry.of(FourCC.of("avc1"), 64, 48, List.of()), 90_000),
                TrackSpec.audio(AudioSampleEntry.of(FourCC.of("mp4a"), 2, 16, 48_000, List.of()), 48_000));
        long[] dts = new long[2];
        List<List<Sample>> written = List.of(new ArrayList<>(), new ArrayList<>());
        List<Sample> feed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int t = i == 0 ? 0 : rnd.nextInt(3) == 0 ? 1 : 0;
            byte[] data = new byte[1 + rnd.nextInt(400)];
            rnd.nextBytes(data);
            boolean sync = t == 1 || i == 0 || rnd.nextInt(6) == 0;
            long duration = t == 1 ? 1024 : 3600;
            Sample s = new Sample(t, Bytes.of(data), dts[t], t == 1 ? 0 : rnd.nextInt(4) * 3600, duration, sync);
            feed.add(s);
            written.get(t).add(s);
            dts[t] += duration;
        }
        Path dir = Files.createTempDirectory("bmff-seg-prop");
        try {
            List<SegmentedWriter.Segment> closed = new ArrayList<>();
            SegmentedWriter.SegmentFactory factory = switch (layout) {
                case 0 -> SegmentedWriter.SegmentFactory.hybrid(HybridWriter.Options.defaults()
                        .withDurability(Durability.none()));
                case 1 -> SegmentedWriter.SegmentFactory.fragmented(FragmentedWriter.Options.defaults()
                        .withDurability(Durability.none()));
                default -> SegmentedWriter.SegmentFactory.standard(StandardWriter.Options.defaults());
            };
            SegmentedWriter.Options options = SegmentedWriter.Options.defaults().withFactory(factory)
                    .withSegmentDuration(Duration.ofMillis(100 + rnd.nextInt(1500))).withListener(closed::add);
            try (SegmentedWriter w = SegmentedWriter.create(dir.resolve("seg%03d.mp4").toString(), specs, options)) {
                for (Sample s : feed) {
                    w.write(s);
                }
            }
            closed.sort(Comparator.comparingLong(SegmentedWriter.Segment::sequence));
            int[] next = new int[2];
            for (SegmentedWriter.Segment seg : closed) {
                SampleIndex index = SampleIndex.of(BoxReader.read(seg.path(), ReadOptions.strict()));
                try (FileChannel ch = FileChannel.open(seg.path())) {
                    for (int t = 0; t < 2; t++) {
                        TrackSamples got = index.tracks().get(t);
                        if (t == 0 && got.sampleCount() > 0) {
                            assertTrue(got.isSync(0), seg.path() + " starts with a keyframe");
                        }
                        for (int i = 0; i < got.sampleCount(); i++) {
                            Sample e = written.get(t).get(next[t]++);
                            String at = seg.path().getFileName() + " track " + t + " sample " + i;
                            assertEquals(e.sync(), got.isSync(i), at + " sync");
                            assertEquals(e.compositionOffset(), got.cts(i) - got.dts(i), at + " composition offset");
                            if (i > 0) {
                                assertEquals(e.dts() - written.get(t).get(next[t] - 2).dts(),
                                        got.dts(i) - got.dts(i - 1), at + " decode step");
                            }
                            assertArrayEquals(e.data().toArray(), PositionalReads.readFully(ch, got.offset(i),
                                    (int) got.size(i)), at + " bytes");
                        }
                    }
                }
            }
            assertEquals(written.get(0).size(), next[0], "every video sample once");
            assertEquals(written.get(1).size(), next[1], "every audio sample once");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}

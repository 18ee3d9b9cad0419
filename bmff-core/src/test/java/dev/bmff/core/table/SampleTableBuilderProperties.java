package dev.bmff.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.TrackSpec;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever sample stream fills the builder, the tables it builds (written in a real moov and read back
 * through the sample index) describe exactly that stream.
 */
class SampleTableBuilderProperties {

    record Written(long offset, long size, long dts, int cto, long duration, boolean sync, int sdi) {
    }

    @Property(tries = 200)
    void builtTables_readBackThroughTheIndex_giveTheSamplesAdded(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 2000) int count) throws Exception {
        Random rnd = new Random(seed);
        SampleTableBuilder b = new SampleTableBuilder();
        Written[] expected = new Written[count];
        boolean large = rnd.nextInt(4) == 0;
        long offset = large ? 5_000_000_000L : 64;
        long dts = 0;
        boolean constantSizes = rnd.nextInt(5) == 0;
        boolean allSync = rnd.nextInt(4) == 0;
        boolean noOffsets = rnd.nextInt(3) == 0;
        boolean negative = rnd.nextBoolean();
        int sdi = 1;
        int leftInChunk = 0;
        for (int i = 0; i < count; i++) {
            if (leftInChunk == 0) {
                offset += rnd.nextInt(3) == 0 ? rnd.nextInt(100_000) : 0; // other tracks' chunks between
                if (rnd.nextInt(10) == 0) {
                    sdi = 1 + rnd.nextInt(2);
                }
                b.startChunk(offset, sdi);
                leftInChunk = 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 30);
                if (rnd.nextInt(20) == 0) {
                    b.startChunk(offset, sdi); // an empty chunk must leave no trace
                }
            }
            long size = constantSizes ? 777 : rnd.nextInt(50_000);
            long duration = rnd.nextInt(4) == 0 ? rnd.nextInt(3000) : 512;
            int cto = noOffsets ? 0 : rnd.nextInt(4096) - (negative ? 2048 : 0);
            boolean sync = allSync || rnd.nextInt(12) == 0;
            b.addSample(size, duration, cto, sync);
            expected[i] = new Written(offset, size, dts, cto, duration, sync, sdi);
            offset += size;
            dts += duration;
            leftInChunk--;
        }

        TrackSamples t = writeAndIndex(b, dts);
        assertEquals(count, t.sampleCount());
        for (int i = 0; i < count; i++) {
            Written w = expected[i];
            assertEquals(w, new Written(t.offset(i), t.size(i), t.dts(i), (int) (t.cts(i) - t.dts(i)),
                    t.duration(i), t.isSync(i), t.sampleDescriptionIndex(i)), "sample " + i);
        }
        // Compact: ctts only with an offset, stss only with a non-sync sample, co64 only when needed.
        List<Box> tables = b.build();
        boolean hasCtts = tables.stream().anyMatch(x -> x.type().equals(BoxTypes.CTTS));
        boolean hasStss = tables.stream().anyMatch(x -> x.type().equals(BoxTypes.STSS));
        boolean hasCo64 = tables.stream().anyMatch(x -> x.type().equals(BoxTypes.CO64));
        assertEquals(java.util.Arrays.stream(expected).anyMatch(w -> w.cto() != 0), hasCtts, "ctts present");
        assertEquals(java.util.Arrays.stream(expected).anyMatch(w -> !w.sync()), hasStss, "stss present");
        assertEquals(count > 0 && large, hasCo64, "co64 present");
    }

    private static TrackSamples writeAndIndex(SampleTableBuilder b, long duration) throws Exception {
        VisualSampleEntry entry = VisualSampleEntry.of(FourCC.of("avc1"), 64, 48, List.of());
        VisualSampleEntry entry2 = VisualSampleEntry.of(FourCC.of("avc1"), 32, 24, List.of());
        TrackSpec spec = TrackSpec.video(entry, 12800);
        MovieBox moov = MovieBuilder.standard(List.of(spec), List.of(new MovieBuilder.TrackMedia(b, 0)));
        // Two sample descriptions, so description index 2 is valid.
        moov = withTwoEntries(moov, entry, entry2);
        Path f = Files.createTempFile("bmff-table", ".mp4");
        try {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(BoxWriter.toBytes(new FileTypeBox(BoxTypes.FTYP, FourCC.of("isom"), 0,
                        List.of()))));
                ch.write(ByteBuffer.wrap(BoxWriter.toBytes(moov)));
                ch.write(ByteBuffer.wrap(new byte[1]), 6_000_000_000L + 100_000_000L); // sparse: samples lie inside
            }
            SampleIndex index = SampleIndex.of(BoxReader.read(f, ReadOptions.strict()));
            return index.tracks().get(0);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static MovieBox withTwoEntries(MovieBox moov, VisualSampleEntry a, VisualSampleEntry b) {
        return (MovieBox) replace(moov, new dev.bmff.core.box.SampleDescriptionBox(0, 0, List.of(a, b)));
    }

    private static Box replace(Box box, dev.bmff.core.box.SampleDescriptionBox stsd) {
        if (box instanceof dev.bmff.core.box.SampleDescriptionBox) {
            return stsd;
        }
        if (box instanceof MovieBox m) {
            return new MovieBox(m.children().stream().map(c -> replace(c, stsd)).toList());
        }
        if (box instanceof dev.bmff.core.box.TrackBox t) {
            return new dev.bmff.core.box.TrackBox(t.children().stream().map(c -> replace(c, stsd)).toList());
        }
        if (box instanceof dev.bmff.core.box.MediaBox t) {
            return new dev.bmff.core.box.MediaBox(t.children().stream().map(c -> replace(c, stsd)).toList());
        }
        if (box instanceof dev.bmff.core.box.MediaInformationBox t) {
            return new dev.bmff.core.box.MediaInformationBox(t.children().stream().map(c -> replace(c, stsd))
                    .toList());
        }
        if (box instanceof dev.bmff.core.box.SampleTableBox t) {
            return new dev.bmff.core.box.SampleTableBox(t.children().stream().map(c -> replace(c, stsd)).toList());
        }
        return box;
    }
}

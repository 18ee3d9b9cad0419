package dev.bmff.codecs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.RemuxSource;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample of a fixture, fed through StandardWriter with the fixture's own sample entries and edit
 * lists, gives a file that ffmpeg decodes to the same frames, ffprobe lists with the same packets and
 * mediainfo measures the same.
 *
 * <p>PCM: the source stores one PCM frame per sample, which ffmpeg's demuxer regroups into packets of up to
 * 1024 frames within a chunk. We write each such group as one sample (stts delta 1024), as an application
 * feeding audio buffers would, so our packets are the source's packets whatever our chunking.
 */
class FixtureRemuxTest {
    private static final int PCM_FRAMES_PER_SAMPLE = 1024;

    /** One sample to feed, with where its bytes are in the source. */
    record Feed(int track, long offset, long size, long dts, int cto, long duration, boolean sync, double seconds) {
    }

    @ParameterizedTest(name = "{0} faststart={1}")
    @CsvSource({"h264-aac.mp4,false", "h264-aac.mp4,true", "hevc-aac.mp4,false", "hevc-aac.mp4,true",
            "h264-twos.mov,false", "h264-twos.mov,true"})
    void fixtureSamples_throughStandardWriter_decodeProbeAndMeasureLikeTheSource(String name, boolean faststart)
            throws Exception {
        Path src = Fixtures.file(name);
        Fed fed = fed(src);
        Path out = Tools.scratch(name.replace('.', '-') + (faststart ? "-faststart" : "") + ".mp4");
        try (StandardWriter w = StandardWriter.create(out, fed.specs(),
                StandardWriter.Options.defaults().withFaststart(faststart))) {
            writeAll(src, fed.feed(), w);
        }

        assertEquals(Tools.framemd5(src), Tools.framemd5(out), "framemd5 of every frame of every stream");
        assertEquals(Tools.packets(src), Tools.packets(out), "ffprobe packets per stream");
        assertEquals("", Tools.decodeMessages(out), "ffmpeg -v error decodes without a message");
        Map<String, String[]> a = Tools.mediainfo(src);
        Map<String, String[]> b = Tools.mediainfo(out);
        for (String type : List.of("Video", "Audio")) {
            assertNotNull(b.get(type), "mediainfo sees the " + type + " track");
            double da = Double.parseDouble(a.get(type)[0]);
            double db = Double.parseDouble(b.get(type)[0]);
            assertTrue(Math.abs(da - db) <= 0.041, type + " duration " + da + " vs " + db);
            assertEquals(a.get(type)[1], b.get(type)[1], type + " frame count");
        }
    }

    /**
     * PCM (grouped as above) and H.264 through the fragment layouts. The finalized hybrid file has a
     * standard moov: every frame at the same time with the same hash. A fragmented file carries no edit
     * list ffmpeg 5.1 applies, so there each stream's packets (size and hash, in order) must match.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"HYBRID,h264-twos.mov", "HYBRID,h264-sowt.mov", "FRAGMENTED,h264-twos.mov",
            "FRAGMENTED,h264-sowt.mov"})
    void pcmFixture_throughFragmentLayouts_decodesLikeTheSource(String layout, String name) throws Exception {
        Path src = Fixtures.file(name);
        Fed fed = fed(src);
        Path out = Tools.scratch(name.replace('.', '-') + "-" + layout + ".mp4");
        java.nio.file.Files.deleteIfExists(out);
        try (dev.bmff.core.write.Mp4Writer w = layout.equals("HYBRID")
                ? dev.bmff.core.write.HybridWriter.create(out, fed.specs(),
                        dev.bmff.core.write.HybridWriter.Options.defaults())
                : dev.bmff.core.write.FragmentedWriter.create(out, fed.specs(),
                        dev.bmff.core.write.FragmentedWriter.Options.defaults())) {
            writeAll(src, fed.feed(), w);
        }
        assertEquals("", Tools.decodeMessages(out), "ffmpeg -v error decodes without a message");
        if (layout.equals("HYBRID")) {
            assertEquals(Tools.framemd5(src), Tools.framemd5(out), "framemd5 of every frame of every stream");
        } else {
            assertEquals(perStream(Tools.framemd5(src)), perStream(Tools.framemd5(out)),
                    "every stream's packets (size, md5) in order");
        }
    }

    /** Per stream, each packet's size and md5 in order (times left out). */
    private static Map<String, List<String>> perStream(Map<String, List<String>> framemd5) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        framemd5.forEach((stream, lines) -> {
            if (!stream.equals("#")) {
                out.put(stream, lines.stream().map(l -> l.split(","))
                        .map(f -> f[4].strip() + "," + f[5].strip()).toList());
            }
        });
        return out;
    }

    /** The tracks of a source and its samples in arrival order (by time across tracks, PCM grouped). */
    record Fed(List<TrackSpec> specs, List<Feed> feed) {
    }

    /** The source's tracks as {@link RemuxSource} gives them (edit lists in our movie timescale), PCM grouped. */
    static Fed fed(Path src) throws Exception {
        RemuxSource source = RemuxSource.read(src);
        List<Feed> feed = new ArrayList<>();
        List<TrackSpec> specs = source.specs(MovieBuilder.MOVIE_TIMESCALE);
        for (int t = 0; t < specs.size(); t++) {
            TrackSamples ts = source.tracks().get(t);
            feed.addAll(isPcm(specs.get(t).sampleEntry()) ? groupedPcm(t, ts) : samples(t, ts));
        }
        // Arrival order: interleaved by time across tracks, decode order within each.
        feed.sort(Comparator.comparingDouble(Feed::seconds).thenComparingInt(Feed::track));
        return new Fed(specs, feed);
    }

    /** Reads each fed sample's bytes from the source and writes it. */
    static void writeAll(Path src, List<Feed> feed, dev.bmff.core.write.Mp4Writer w) throws Exception {
        try (FileChannel in = FileChannel.open(src)) {
            for (Feed f : feed) {
                byte[] data = PositionalReads.readFully(in, f.offset(), (int) f.size());
                w.write(new Sample(f.track(), Bytes.of(data), f.dts(), f.cto(), f.duration(), f.sync()));
            }
        }
    }

    private static boolean isPcm(SampleEntry e) {
        String f = e.format().toString();
        return f.equals("twos") || f.equals("sowt");
    }

    private static List<Feed> samples(int track, TrackSamples ts) {
        List<Feed> out = new ArrayList<>();
        for (int i = 0; i < ts.sampleCount(); i++) {
            long dts = ts.dts(i) - ts.dts(0);
            out.add(new Feed(track, ts.offset(i), ts.size(i), dts, (int) (ts.cts(i) - ts.dts(i)),
                    ts.duration(i), ts.isSync(i), (double) dts / ts.timescale()));
        }
        return out;
    }

    /** Runs of contiguous PCM frames (one source chunk), cut every 1024 frames. */
    private static List<Feed> groupedPcm(int track, TrackSamples ts) {
        List<Feed> out = new ArrayList<>();
        int i = 0;
        while (i < ts.sampleCount()) {
            int start = i;
            long end = ts.offset(i) + ts.size(i);
            long duration = ts.duration(i);
            i++;
            while (i < ts.sampleCount() && i - start < PCM_FRAMES_PER_SAMPLE && ts.offset(i) == end) {
                end += ts.size(i);
                duration += ts.duration(i);
                i++;
            }
            long dts = ts.dts(start) - ts.dts(0);
            out.add(new Feed(track, ts.offset(start), end - ts.offset(start), dts, 0, duration, true,
                    (double) dts / ts.timescale()));
        }
        return out;
    }
}

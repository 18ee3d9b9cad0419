package dev.bmff.codecs.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.av1.Av1OpusMedia;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.write.FragmentedWriter;
import dev.bmff.core.write.HybridWriter;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.StandardWriter;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AV1 (IVF and Section 5 OBUs, with libaom's hidden alt-ref frames) and Opus (Ogg) through the av01 and Opus sample
 * entries and the standard, fragmented and hybrid writers: ffmpeg decodes every frame of both streams to the same
 * checksums as the sources themselves, and the Opus track's edit list trims the pre-skip as ffmpeg's own muxer does.
 */
class Av1OpusRecordingTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"standard,av1.ivf", "fragmented,av1.ivf", "hybrid,av1.ivf", "standard,av1.obu", "hybrid,av1.obu"})
    void av1AndOpus_throughEachWriter_decodeLikeTheSources(String layout, String video) throws Exception {
        Path media = Av1OpusMedia.dir();
        Path out = tmp.resolve(layout + ".mp4");
        long[] written;
        try (InputStream v = new BufferedInputStream(Files.newInputStream(media.resolve(video)));
                InputStream a = new BufferedInputStream(Files.newInputStream(media.resolve("opus.opus")))) {
            SourceRecorder r = new SourceRecorder(List.of(Av1Source.open(v, 25, 1), OggOpusSource.open(a)),
                    StreamRecorder.Progress.NONE);
            written = r.run(tracks -> open(layout, out, tracks));
        }
        assertEquals(50, written[0], "every temporal unit is a sample");
        Map<String, List<String>> got = hashes(out);
        assertEquals(hashes(media.resolve("av1.ivf")).get("0"), got.get("0"), "AV1 frames");
        // ffmpeg's MP4 demuxer does not trim the end as Ogg's last granule position does: every frame but the last
        // equals the Ogg decode (the pre-skip trimmed by our edit list), and all equal ffmpeg's own remux.
        List<String> ogg = hashes(media.resolve("opus.opus")).get("0");
        assertEquals(ogg.subList(0, ogg.size() - 1), got.get("1").subList(0, ogg.size() - 1), "Opus, pre-skip trimmed");
        assertEquals(hashes(Av1OpusMedia.opusRemuxedByFfmpeg()).get("0"), got.get("1"), "Opus frames");
        assertEquals("", ExternalTools.decodeErrors(out));
        // The pre-skip is the Opus track's edit: media_time 312 (libopus), in its 48 kHz timescale.
        var opus = dev.bmff.core.index.SampleIndex.of(dev.bmff.core.io.BoxReader.read(out,
                dev.bmff.core.io.ReadOptions.strict())).tracks().get(1);
        assertEquals(48_000, opus.timescale());
        assertEquals(312, opus.editList().get(0).mediaTime());
    }

    private static Mp4Writer open(String layout, Path out, List<dev.bmff.core.write.TrackSpec> tracks)
            throws java.io.IOException {
        return switch (layout) {
            case "standard" -> StandardWriter.create(out, tracks, StandardWriter.Options.defaults());
            case "fragmented" -> FragmentedWriter.create(out, tracks, FragmentedWriter.Options.defaults());
            default -> HybridWriter.create(out, tracks, HybridWriter.Options.defaults());
        };
    }

    /** framemd5's checksum column per stream index. */
    static Map<String, List<String>> hashes(Path file) {
        Map<String, List<String>> m = new TreeMap<>();
        String out = ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-map", "0", "-f",
                "framemd5", "-");
        for (String line : out.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            m.computeIfAbsent(f[0].strip(), k -> new ArrayList<>()).add(f[f.length - 1].strip());
        }
        return m;
    }
}

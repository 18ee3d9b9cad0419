package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.access.ParameterSetPlacement;
import dev.bmff.codecs.record.StreamRecorder;
import dev.bmff.codecs.record.VideoCodec;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.CmafRules;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.write.CmafWriter;
import dev.bmff.core.write.StandardWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample entry players need, from an HDR10 HEVC stream x265 makes at test time (PQ, BT.2020, mastering
 * display and content light level SEI): {@code bmff record} writes {@code hvc1} with the parameter sets in the
 * entry and the HDR boxes ({@code colr} from the VUI, {@code mdcv}/{@code clli} from the SEI), ffprobe reads them
 * as the stream's colour and side data, and {@code frag}, {@code defrag} and a repair keep them; {@code hev1} only
 * when the recorder is asked to leave the parameter sets in the samples.
 */
class PlayerEntryTest {
    private static final Path SCRATCH = Path.of("target", "player-entry-test");
    private static Path hevc;
    private static List<String> sourceMd5;

    @TempDir
    Path tmp;

    @BeforeAll
    static void stream() throws IOException {
        Files.createDirectories(SCRATCH);
        hevc = SCRATCH.resolve("hdr10.h265").toAbsolutePath();
        ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25", "-frames:v", "50", "-pix_fmt", "yuv420p10le", "-c:v", "libx265",
                "-x265-params", "log-level=error:keyint=25:bframes=2:hdr10=1:colorprim=bt2020:transfer=smpte2084"
                        + ":colormatrix=bt2020nc:master-display=G(13250,34500)B(7500,3000)R(34000,16000)"
                        + "WP(15635,16450)L(10000000,1):max-cll=1000,400", "-f", "hevc", hevc.toString());
        sourceMd5 = md5(hevc);
        assertEquals(50, sourceMd5.size());
    }

    @Test
    void recordedHevc_isHvc1WithTheHdrBoxes_andFfprobeReadsThem() throws IOException {
        Path out = tmp.resolve("hdr.mp4");
        CliTest.Run r = CliTest.run("record", "--video", hevc.toString(), "--layout", "fragmented", out.toString());
        assertEquals(0, r.code(), r.err());
        assertHdrEntry(out);
        assertEquals(sourceMd5, md5(out), "every picture");

        String stream = ExternalTools.run("ffprobe", "-v", "error", "-show_streams", out.toString());
        assertTrue(stream.contains("codec_tag_string=hvc1"), stream);
        assertTrue(stream.contains("color_transfer=smpte2084") && stream.contains("color_primaries=bt2020"), stream);
        assertTrue(stream.contains("side_data_type=Mastering display metadata"), stream);
        assertTrue(stream.contains("max_content=1000") && stream.contains("max_average=400"), stream);

        // Copied from the source entry: a remux either way, and the repair of a cut recording.
        Path standard = tmp.resolve("defrag.mp4");
        assertEquals(0, CliTest.run("defrag", out.toString(), standard.toString()).code());
        assertHdrEntry(standard);
        Path fragmented = tmp.resolve("frag.mp4");
        assertEquals(0, CliTest.run("frag", standard.toString(), fragmented.toString()).code());
        assertHdrEntry(fragmented);
        byte[] whole = Files.readAllBytes(out);
        Path cut = tmp.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 3 / 4));
        Path repaired = tmp.resolve("repaired.mp4");
        CliTest.Run repair = CliTest.run("repair", "--no-progress", cut.toString(), repaired.toString());
        assertTrue(repair.code() == 0 || repair.code() == RepairCommand.EXIT_PARTIAL, repair.err());
        assertHdrEntry(repaired);
    }

    @Test
    void recordedHevc_asLiveCmaf_namesHvc1InThePlaylist_andPlays() throws IOException {
        Path live = tmp.resolve("live");
        CliTest.Run r = CliTest.run("record", "--video", hevc.toString(), "--layout", "cmaf", "--segment-seconds", "1",
                live.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), CmafRules.check(live.resolve(CmafWriter.PLAYLIST), true));
        String master = Files.readString(live.resolve(CmafWriter.MASTER));
        // Main 10 (profile 2), the compatibility flags bit-reversed (4), Main tier and level 60 (2.0), then the
        // constraint bytes (x265 writes 0x90): what players match against their decoders.
        assertTrue(master.matches("(?s).*CODECS=\"hvc1\\.2\\.4\\.L\\d+(\\.[0-9A-F]{1,2})*\".*"), master);
        assertHdrEntry(live.resolve(CmafWriter.INIT));
        assertEquals(sourceMd5, md5(live.resolve(CmafWriter.PLAYLIST)));
    }

    @Test
    void inBandParameterSets_makeHev1_andStillPlay() throws IOException {
        Path out = tmp.resolve("hev1.mp4");
        StreamRecorder recorder = new StreamRecorder(VideoCodec.HEVC, StreamRecorder.Options.defaults()
                .withPlacement(ParameterSetPlacement.IN_BAND), tracks -> StandardWriter.create(out, tracks,
                        StandardWriter.Options.defaults()));
        try (InputStream in = Files.newInputStream(hevc)) {
            recorder.run(in, null);
        }
        assertEquals("hev1", entry(out).type().toString());
        assertEquals("hev1", ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=codec_tag_string", "-of", "default=nw=1:nk=1", out.toString()).strip());
        assertEquals(sourceMd5, md5(out));
    }

    private static void assertHdrEntry(Path file) throws IOException {
        SampleEntry e = entry(file);
        assertEquals("hvc1", e.type().toString(), file + ": parameter sets in the entry");
        List<String> children = ((VisualSampleEntry) e).children().stream().map(b -> b.type().toString()).toList();
        assertTrue(children.containsAll(List.of("hvcC", "colr", "mdcv", "clli")), file + ": " + children);
    }

    private static SampleEntry entry(Path file) throws IOException {
        return (SampleEntry) SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks().get(0)
                .sampleDescriptions().get(0);
    }

    private static List<String> md5(Path file) {
        return ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:v", "-f",
                "framemd5", "-").lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }
}

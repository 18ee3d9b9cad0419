package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieExtendsBox;
import dev.bmff.core.box.MovieExtendsHeaderBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fragmented file knows its duration once closed: mvhd, tkhd and mehd carry it, and the mfra ends the file.
 * ffprobe reading the file through a pipe (it cannot seek to the mfra or read ahead through every fragment, as
 * a player opening a stream cannot) reports the whole duration only from the moov (ffmpeg reads the mdhd).
 */
class FragmentedDurationTest {
    @TempDir
    Path dir;

    private Path write(FragmentedWriter.Options options) throws IOException {
        SourceMedia src = SourceMedia.read(Fixtures.file("h264-aac.mp4"));
        Path out = dir.resolve("frag.mp4");
        try (FragmentedWriter w = FragmentedWriter.create(out, src.specs(), options
                .withMaxFragmentDuration(java.time.Duration.ofMillis(500)))) {
            for (Sample s : src.samples()) {
                w.write(s);
            }
        }
        return out;
    }

    @Test
    void durationIsWrittenAtClose() throws IOException {
        Path out = write(FragmentedWriter.Options.defaults());
        ReadResult r = BoxReader.read(out, ReadOptions.strict());
        MovieBox moov = r.movie().orElseThrow();
        MovieHeaderBox mvhd = moov.first(MovieHeaderBox.class).orElseThrow();
        assertEquals(2000, mvhd.duration() * 1000 / mvhd.timescale(), 30, "mvhd: the longest track, trimmed");
        long mehd = moov.first(MovieExtendsBox.class).orElseThrow().first(MovieExtendsHeaderBox.class).orElseThrow()
                .fragmentDuration();
        assertEquals(mvhd.duration(), mehd);
        for (TrackBox trak : moov.all(TrackBox.class)) {
            assertTrue(trak.first(TrackHeaderBox.class).orElseThrow().duration() > 0, "tkhd duration");
        }
        assertEquals("mfra", r.nodes().get(r.nodes().size() - 1).header().type().toString(), "mfra ends the file");

        assertEquals(2.0, pipedDuration(out), 0.05, "ffprobe on a pipe: the moov's duration");
        Tools.decodesCleanly(out);
    }

    @Test
    void cmafModeHasItsBrandsAndSyncAudio() throws IOException {
        Path out = write(FragmentedWriter.Options.defaults().withCmaf(true));
        FileTypeBox ftyp = BoxReader.read(out, ReadOptions.strict()).first(FileTypeBox.class).orElseThrow();
        assertEquals(FourCC.of("cmfc"), ftyp.majorBrand());
        assertTrue(ftyp.compatibleBrands().contains(FourCC.of("iso6")));
        List<String> audio = Tools.packets(out).stream().filter(l -> l.startsWith("1,")).toList();
        assertTrue(audio.stream().allMatch(l -> l.endsWith(",K__") || l.endsWith(",K_")), "every AAC packet a key");
    }

    /** The format duration ffprobe reports reading {@code file} from its standard input. */
    static double pipedDuration(Path file) {
        Tools.Result r = Tools.run("sh", "-c", "cat \"$1\" | \"$0\" -v error -show_entries format=duration -of csv=p=0"
                + " -i -", ExternalTools.ffprobe().toString(), file.toString());
        assertEquals(0, r.exit(), r.err());
        return Double.parseDouble(r.out().strip());
    }
}

package dev.bmff.recover.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.recover.testing.LayoutGenerator.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generator's files are what they claim: valid, deterministic, decodable, with every track ffprobe sees. */
class LayoutGeneratorTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Layout.class)
    void generate_validFileThatDecodes(Layout layout) throws Exception {
        LayoutGenerator.Generated g = LayoutGenerator.generate(layout, 7, dir);
        // Lenient: a binary trailer is no box.
        SampleIndex index = SampleIndex.of(BoxReader.read(g.file(), ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        String streams = ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_tag_string",
                "-of", "default=nw=1", g.file().toString());
        assertEquals(index.tracks().size(), streams.lines().filter(l -> l.startsWith("codec_tag_string=")).count(),
                streams);
        assertEquals("", ExternalTools.decodeErrors(g.file()), g.description());

        Path again = Files.createDirectories(dir.resolve("again"));
        assertArrayEquals(Files.readAllBytes(g.file()),
                Files.readAllBytes(LayoutGenerator.generate(layout, 7, again).file()), "same seed, same bytes");
        LayoutGenerator.Broken b = LayoutGenerator.broken(g, 0.5, dir.resolve("broken.mp4"));
        assertEquals(b.end(), Files.size(b.file()));
        assertTrue(b.cut() > BrokenFiles.mdat(g.file()).start());
    }
}

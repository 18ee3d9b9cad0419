package dev.bmff.recover.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.entry.AudioSampleEntries;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.StandardWriter;
import dev.bmff.core.write.TrackSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a metadata track of a reference is framed, and when it cannot be. */
class FramingLearnerTest {
    @TempDir
    Path dir;

    /** PCM (one 480-byte chunk a sample) beside a metadata track whose samples start "ABCD", of sizes {@code sizes}. */
    private Path reference(int... sizes) throws Exception {
        Path file = dir.resolve("reference-" + sizes[0] + ".mp4");
        TrackSpec audio = TrackSpec.audio(AudioSampleEntries.pcm16(true, 1, 48_000), 48_000);
        TrackSpec meta = new TrackSpec(FourCC.of("meta"), 1000, MetadataSampleEntry.of(FourCC.of("bigm"),
                Bytes.EMPTY), "und", null);
        try (StandardWriter w = StandardWriter.create(file, List.of(audio, meta), StandardWriter.Options.defaults())) {
            for (int i = 0; i < sizes.length; i++) {
                w.write(new Sample(0, Bytes.of(new byte[480]), i * 240L, 0, 240, true));
                byte[] m = new byte[sizes[i]];
                m[0] = 'A';
                m[1] = 'B';
                m[2] = 'C';
                m[3] = 'D';
                m[m.length - 1] = (byte) i;
                w.write(new Sample(1, Bytes.of(m), i * 5L, 0, 5, true));
            }
        }
        return file;
    }

    @Test
    void varyingSizesWithSharedFirstBytes_delimitedByTheNextSample() throws Exception {
        int[] sizes = new int[40];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 100 + 7 * i;
        }
        ReferenceModel model = ModelLearner.learn(reference(sizes));
        CodecModel.Metadata meta = (CodecModel.Metadata) model.tracks().get(1).codec();
        assertTrue(meta.framing() instanceof SampleFraming.Delimited, meta.toString());
        assertEquals(Bytes.of(new byte[] {'A', 'B', 'C', 'D'}), meta.prefix());
    }

    @Test
    void varyingSamplesOfMegabytes_leftOutWithAWarning() throws Exception {
        int[] sizes = new int[20];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = (600 << 10) + 1001 * i;
        }
        ReferenceModel model = ModelLearner.learn(reference(sizes));
        assertEquals(1, model.tracks().size(), "only the PCM track is modelled");
        assertTrue(model.warnings().stream().anyMatch(w -> w.contains("bigm") && w.contains("cannot be told apart")),
                model.warnings().toString());
    }
}

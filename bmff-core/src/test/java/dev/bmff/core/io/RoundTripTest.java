package dev.bmff.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.testing.Fixtures;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture reads cleanly and writes back byte for byte. */
class RoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Path> fixtures() {
        return Fixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void write_strictReadOfFixture_reproducesFileByteForByte(Path file) throws Exception {
        Path out = tmp.resolve(file.getFileName());
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ReadResult result = BoxReader.read(in, ReadOptions.strict());
            BoxWriter.write(result.boxes(), o, in);
        }
        byte[] expected = Files.readAllBytes(file);
        byte[] actual = Files.readAllBytes(out);
        int mismatch = Arrays.mismatch(expected, actual);
        if (mismatch >= 0) {
            fail(file.getFileName() + ": written file differs from the input at byte " + mismatch + " (input "
                    + expected.length + " bytes, output " + actual.length + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void read_lenientOnFixture_reportsNoProblems(Path file) throws Exception {
        ReadResult result = BoxReader.read(file, ReadOptions.lenient());
        assertEquals("", String.join("\n", result.problems().stream().map(Object::toString).toList()),
                file.getFileName() + ": problems");
        assertTrue(result.isClean());
        SampleIndex index = SampleIndex.of(result, ReadOptions.Mode.LENIENT);
        assertEquals("", String.join("\n", index.problems().stream().map(Object::toString).toList()),
                file.getFileName() + ": index problems");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void sampleIndex_lenientOnFixture_equalsStrict(Path file) throws Exception {
        SampleIndex strict = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        SampleIndex lenient = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        assertEquals(strict.tracks().size(), lenient.tracks().size(), "track count");
        for (int t = 0; t < strict.tracks().size(); t++) {
            TrackSamples a = strict.tracks().get(t);
            TrackSamples b = lenient.tracks().get(t);
            assertEquals(a.trackId(), b.trackId(), "track " + t + " id");
            assertEquals(a.handlerType(), b.handlerType(), "track " + t + " handler");
            assertEquals(a.timescale(), b.timescale(), "track " + t + " timescale");
            assertEquals(a.editList(), b.editList(), "track " + t + " edit list");
            assertEquals(a.sampleCount(), b.sampleCount(), "track " + t + " sample count");
            assertTrue(a.sampleCount() > 0, "track " + t + " has samples");
            for (int i = 0; i < a.sampleCount(); i++) {
                assertEquals(a.sample(i), b.sample(i), "track " + t + " sample " + i);
            }
        }
    }
}

package dev.bmff.codecs.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.access.AnnexBMedia;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.write.HybridWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pipelined recorder (reader, assembler and writer threads) writes the very bytes the sequential one
 * (everything on the caller's thread, the code before the pipeline) writes, for H.264 and HEVC streams with
 * ADTS audio, read whole or in small pieces as a pipe gives them.
 */
class StreamRecorderPipelineTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(AnnexBMedia.class)
    void pipelinedOutputIsByteIdentical(AnnexBMedia media) throws Exception {
        Path video = media.stream();
        Path audio = adts();
        VideoCodec codec = media.hevc() ? VideoCodec.HEVC : VideoCodec.H264;
        for (int piece : new int[] {0, 7}) {
            Path sequential = tmp.resolve(media + "-" + piece + "-sequential.mp4");
            Path pipelined = tmp.resolve(media + "-" + piece + "-pipelined.mp4");
            StreamRecorder.Summary a = record(new StreamRecorder(codec, options(), factory(sequential)).sequential(),
                    video, audio, piece);
            StreamRecorder.Summary b = record(new StreamRecorder(codec, options(), factory(pipelined)), video, audio,
                    piece);
            assertTrue(a.videoFrames() > 10 && a.audioFrames() > 10, a.toString());
            assertEquals(a, b);
            assertArrayEquals(Files.readAllBytes(sequential), Files.readAllBytes(pipelined),
                    media + " read in pieces of " + piece);
        }
    }

    private static StreamRecorder.Options options() {
        return StreamRecorder.Options.defaults();
    }

    private static StreamRecorder.WriterFactory factory(Path out) {
        // Short fragments: many flushes and forces go through the writer's queue.
        return tracks -> HybridWriter.create(out, tracks, HybridWriter.Options.defaults()
                .withMaxFragmentDuration(Duration.ofMillis(400)));
    }

    private static StreamRecorder.Summary record(StreamRecorder r, Path video, Path audio, int piece)
            throws IOException {
        try (InputStream v = pieces(Files.newInputStream(video), piece);
                InputStream a = Files.newInputStream(audio)) {
            return r.run(v, a);
        }
    }

    /** Reads of at most {@code piece} bytes (0: as asked). */
    private static InputStream pieces(InputStream in, int piece) {
        return piece == 0 ? in : new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, piece));
            }
        };
    }

    /** 3 s of ADTS AAC (made on first use, into target/). */
    private static synchronized Path adts() throws Exception {
        Path out = Path.of("target", "access-media", "tone.aac");
        if (!Files.exists(out)) {
            Files.createDirectories(out.getParent());
            Path part = out.resolveSibling("tmp-tone.aac");
            ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, ExternalTools.withTool("ffmpeg", List.of("-v", "error",
                    "-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3", "-c:a", "aac",
                    "-f", "adts", part.toString())));
            Files.move(part, out);
        }
        return out;
    }
}

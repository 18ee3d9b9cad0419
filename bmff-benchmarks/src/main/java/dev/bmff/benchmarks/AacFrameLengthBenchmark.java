package dev.bmff.benchmarks;

import dev.bmff.benchmarks.scan.ScanData;
import dev.bmff.codecs.aac.AdtsReader;
import dev.bmff.codecs.aac.RawDataBlockParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The AAC frame length, what a repair of a recording with AAC spends most of its time on: every raw_data_block of
 * 10 s of AAC LC that ffmpeg encodes on first use (into {@code target/scan-data}), laid back to back as in an mdat,
 * measured through
 * <ul>
 * <li>{@code fast}: {@link RawDataBlockParser#frameLength}, the length-only scan;
 * <li>{@code reference}: {@link RawDataBlockParser#parse}, the full walk it falls back to (its reference twin).
 * </ul>
 * {@code audio}: {@code noise256k} is the audio of {@code scripts/bench-commands.sh}'s AAC-heavy repair (noise and
 * a tone, stereo 48 kHz at 256 kbit/s: long codebook-11 codewords with escapes), {@code tones128k} a quieter
 * stereo 44.1 kHz signal at 128 kbit/s (shorter codewords, several per lookup). The score is the time for all
 * frames; frames per second and MB/s follow from the counts set-up prints.
 *
 * <p>Run: {@code java -jar bmff-benchmarks/target/benchmarks.jar AacFrameLengthBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AacFrameLengthBenchmark {
    @Param({"noise256k", "tones128k"})
    public String audio;

    private byte[] data;
    private int[] offsets;
    private RawDataBlockParser parser;

    @Setup
    public void setup() throws IOException {
        Path adts = ScanData.dir().resolve("aac-" + audio + ".aac");
        if (!Files.isRegularFile(adts)) {
            Files.createDirectories(adts.getParent());
            ScanData.ffmpeg(switch (audio) {
                case "noise256k" -> List.of("-f", "lavfi", "-i", "anoisesrc=sample_rate=48000:duration=10:amplitude=0.3",
                        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10", "-filter_complex",
                        "[0:a][1:a]amerge=inputs=2[a]", "-map", "[a]", "-c:a", "aac", "-b:a", "256k", "-ac", "2",
                        "-f", "adts");
                case "tones128k" -> List.of("-f", "lavfi", "-i", "aevalsrc=exprs='0.3*sin(2*PI*523*t)+0.2*sin(2*PI*"
                        + "3150*t)+0.02*random(0)|0.3*sin(2*PI*440*t)+0.1*sin(2*PI*7000*t)':s=44100:d=10",
                        "-c:a", "aac", "-b:a", "128k", "-f", "adts");
                default -> throw new IllegalArgumentException("audio " + audio);
            }, adts);
        }
        ByteArrayOutputStream mdat = new ByteArrayOutputStream();
        List<Integer> at = new ArrayList<>();
        try (InputStream in = Files.newInputStream(adts)) {
            AdtsReader r = new AdtsReader(in);
            AdtsReader.Frame f;
            while ((f = r.next()) != null) {
                if (parser == null) {
                    parser = RawDataBlockParser.of(f.header().toAudioSpecificConfig());
                }
                at.add(mdat.size());
                mdat.write(f.payload());
            }
        }
        at.add(mdat.size());
        // Room for the scan's 8-byte loads after the last frame, as in a repair's window.
        mdat.write(new byte[16]);
        data = mdat.toByteArray();
        offsets = at.stream().mapToInt(Integer::intValue).toArray();
        int frames = offsets.length - 1;
        System.out.printf("%n[aac] %s: %d frames, %d bytes (%.0f bytes a frame)%n", audio, frames,
                offsets[frames], (double) offsets[frames] / frames);
        if (fast() != offsets[frames] || reference() != offsets[frames]) {
            throw new IllegalStateException("a frame length differs from the ADTS frame's");
        }
    }

    @Benchmark
    public long fast() throws IOException {
        long sum = 0;
        for (int i = 0; i + 1 < offsets.length; i++) {
            sum += parser.frameLength(data, offsets[i], data.length - offsets[i]);
        }
        return sum;
    }

    @Benchmark
    public long reference() throws IOException {
        long sum = 0;
        for (int i = 0; i + 1 < offsets.length; i++) {
            sum += parser.parse(data, offsets[i], data.length - offsets[i]).length();
        }
        return sum;
    }
}

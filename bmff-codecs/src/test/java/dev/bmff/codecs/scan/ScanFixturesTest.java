package dev.bmff.codecs.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.scan.reference.ReferencePatternScanner;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.FourCC;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scanners on real files: fixtures without AUDs, and files made by ffmpeg with an AUD in every sample. */
class ScanFixturesTest {
    private static final Path OUT = Path.of("target", "scan-fixtures");

    private static List<Long> scan(SignatureScanner s, Path file, int window, boolean mapped) throws IOException {
        ChannelScanner cs = ChannelScanner.of(s).withWindowSize(window);
        if (mapped) {
            cs = cs.mapped();
        }
        try (FileChannel ch = FileChannel.open(file)) {
            return cs.matches(ch, 0, ch.size()).boxed().collect(Collectors.toList());
        }
    }

    @Test
    void audScanners_findNothing_inFixturesEncodedWithoutAuds() throws IOException {
        for (Path f : Fixtures.all()) {
            String name = f.getFileName().toString();
            assertEquals(List.of(), scan(PatternScanner.of(BytePattern.H264_AUD), f, 4096, false), name);
            assertEquals(List.of(), scan(PatternScanner.of(BytePattern.HEVC_AUD), f, 4096, true), name);
            assertEquals(List.of(), scan(PatternScanner.of(BytePattern.SONY_RTMD), f, 4096, false), name);
        }
    }

    @Test
    void boxHeaderScanner_findsEveryBoxTheReaderFinds() throws IOException {
        for (Path f : Fixtures.all()) {
            ReadResult r = BoxReader.read(f, ReadOptions.lenient());
            List<Long> found = scan(BoxHeaderScanner.ofDefaultTypes(), f, 1024, false);
            List<BoxNode> todo = new ArrayList<>(r.nodes());
            while (!todo.isEmpty()) {
                BoxNode n = todo.remove(todo.size() - 1);
                todo.addAll(n.children());
                if (BoxHeaderSignature.defaultTypes().contains(n.header().type())) {
                    assertTrue(found.contains(n.header().offset()), f.getFileName() + ": " + n.path() + " at "
                            + n.header().offset());
                }
            }
        }
    }

    @Test
    void h264AudScanner_findsOneAudPerSample_inX264OutputWithAud() throws Exception {
        Path out = encode("h264-aud.mp4", "-c:v", "libx264", "-x264-params", "aud=1", "-bf", "2");
        checkOneAudPerSample(out, BytePattern.H264_AUD);
    }

    @Test
    void hevcAudScanner_findsOneAudPerSample_inX265OutputWithAud() throws Exception {
        // ffmpeg's libx265 wrapper passes -x265-params through; aud=1 puts an AUD first in every access unit.
        Path out = encode("hevc-aud.mp4", "-c:v", "libx265", "-x265-params", "aud=1:log-level=error", "-tag:v",
                "hvc1");
        checkOneAudPerSample(out, BytePattern.HEVC_AUD);
    }

    private static Path encode(String name, String... codec) throws IOException {
        Files.createDirectories(OUT);
        Path out = OUT.resolve(name).toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25", "-t", "2", "-threads", "1"));
        args.addAll(List.of(codec));
        args.addAll(List.of("-an", out.toString()));
        ExternalTools.run(ExternalTools.DEFAULT_TIMEOUT, ExternalTools.withTool("ffmpeg", args));
        return out;
    }

    private static void checkOneAudPerSample(Path file, BytePattern aud) throws Exception {
        TrackSamples video = SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks().stream()
                .filter(t -> t.handlerType().equals(FourCC.of("vide"))).findFirst().orElseThrow();
        assertEquals(50, video.sampleCount());
        List<Long> found = scan(PatternScanner.of(aud), file, 1000, false);
        // Every sample after the first starts with its AUD. The first packet is special in ffmpeg's encoder
        // wrappers: libx264 puts its SEI (encoder settings) before the AUD, and with libx265 the first AUD
        // goes with the parameter sets that become the hvcC, so the first sample holds at most one AUD.
        List<Long> offsets = new ArrayList<>();
        long firstEnd = video.offset(0) + video.size(0);
        found.stream().filter(o -> o >= video.offset(0) && o < firstEnd).forEach(offsets::add);
        assertTrue(offsets.size() <= 1, "AUDs in the first sample: " + offsets);
        for (int i = 1; i < video.sampleCount(); i++) {
            offsets.add(video.offset(i));
        }
        assertEquals(offsets, found);
        assertEquals(offsets, scan(PatternScanner.of(aud), file, 1 << 20, true));
        assertEquals(offsets, scan(new ReferencePatternScanner(aud), file, 777, false));
    }
}

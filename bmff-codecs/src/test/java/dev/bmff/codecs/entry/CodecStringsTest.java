package dev.bmff.codecs.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.testing.Mp4BoxJs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our RFC 6381 codecs strings are the ones mp4box.js (what hls.js and MSE pages use) derives from the same file. */
class CodecStringsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h264-aac.mp4", "hevc-aac.mp4", "hevc-main10.mp4", "h264-high10.mp4", "aac-51.m4a"})
    void sameAsMp4BoxJs(String fixture) throws IOException, BitstreamException {
        Path file = Fixtures.file(fixture);
        List<String> ours = new ArrayList<>();
        for (TrackSamples t : SampleIndex.of(BoxReader.read(file, ReadOptions.strict())).tracks()) {
            ours.add(CodecStrings.of((SampleEntry) t.sampleDescriptions().get(0)).orElse("?"));
        }
        List<String> theirs = Mp4BoxJs.probe(file).tracks().stream().map(Mp4BoxJs.Track::codec).toList();
        assertEquals(theirs, ours);
    }
}

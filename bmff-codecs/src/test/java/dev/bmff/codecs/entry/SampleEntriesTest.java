package dev.bmff.codecs.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.box.AudioSampleEntry;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fixture's sample entries rebuilt from their own configuration. Accepted differences: ffmpeg's
 * {@code fiel} (field order, not derived here), {@code chan} (QuickTime channel layout), the compressor name
 * and the QuickTime vendor/quality fields; {@code btrt} is only written when a bitrate is given, so it is
 * compared after passing the fixture's own values.
 */
class SampleEntriesTest {

    static Stream<Path> fixtures() {
        return Fixtures.all().stream();
    }

    static List<SampleEntry> entries(Path file) throws Exception {
        List<SampleEntry> out = new ArrayList<>();
        for (TrackSamples t : SampleIndex.of(BoxReader.read(file, ReadOptions.lenient())).tracks()) {
            for (Box b : t.sampleDescriptions()) {
                if (b instanceof SampleEntry e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static Optional<byte[]> child(SampleEntry e, String type) {
        return ConfigBoxes.find(e, dev.bmff.core.FourCC.of(type));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rebuiltEntry_matchesFixture(Path file) throws Exception {
        for (SampleEntry e : entries(file)) {
            String type = e.type().toString();
            Bitrate bitrate = child(e, "btrt").map(b -> {
                ByteBuffer bb = ByteBuffer.wrap(b);
                return new Bitrate(bb.getInt() & 0xFFFFFFFFL, bb.getInt() & 0xFFFFFFFFL, bb.getInt() & 0xFFFFFFFFL);
            }).orElse(Bitrate.NONE);
            SampleEntry built;
            if (type.startsWith("avc")) {
                built = VideoSampleEntries.avc(AvcConfiguration.parse(child(e, "avcC").orElseThrow()),
                        type.equals("avc3"), bitrate);
            } else if (type.equals("hvc1") || type.equals("hev1")) {
                built = VideoSampleEntries.hevc(HevcConfiguration.parse(child(e, "hvcC").orElseThrow()),
                        type.equals("hev1"), bitrate);
            } else if (type.equals("mp4a")) {
                EsDescriptor es = EsDescriptor.parseEsds(Bytes.of(child(e, "esds").orElseThrow()));
                built = AudioSampleEntries.aac(AudioSpecificConfig.parse(es.decoderSpecificInfo().toArray()), bitrate);
                EsDescriptor ours = EsDescriptor.parseEsds(Bytes.of(child(built, "esds").orElseThrow()));
                assertEquals(es.decoderSpecificInfo(), ours.decoderSpecificInfo(), file + " DecoderSpecificInfo");
                assertEquals(es.objectTypeIndication(), ours.objectTypeIndication());
            } else if (type.equals("twos") || type.equals("sowt")) {
                AudioSampleEntry a = (AudioSampleEntry) e;
                built = AudioSampleEntries.pcm16(type.equals("twos"), (int) a.channels(), (int) a.sampleRateHz());
            } else {
                continue;
            }
            assertEquals(e.type(), built.type(), file.toString());
            if (e instanceof VisualSampleEntry v) {
                VisualSampleEntry b = (VisualSampleEntry) built;
                assertEquals(v.width(), b.width(), file + " width");
                assertEquals(v.height(), b.height(), file + " height");
                for (String box : List.of("avcC", "hvcC", "pasp", "colr", "btrt")) {
                    if (child(v, box).isPresent()) {
                        assertTrue(child(b, box).isPresent(), file + " lacks " + box);
                        assertEquals(Bytes.of(child(v, box).get()), Bytes.of(child(b, box).get()), file + " " + box);
                    }
                }
            } else {
                AudioSampleEntry a = (AudioSampleEntry) e;
                AudioSampleEntry b = (AudioSampleEntry) built;
                assertEquals(a.channels(), b.channels(), file + " channels");
                assertEquals(a.sampleRateHz(), b.sampleRateHz(), file + " rate");
                assertEquals(a.sampleSize(), b.sampleSize(), file + " sample size");
            }
        }
    }
}

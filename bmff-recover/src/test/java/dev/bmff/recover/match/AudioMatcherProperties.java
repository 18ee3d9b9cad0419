package dev.bmff.recover.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.ac3.Ac3Specific;
import dev.bmff.codecs.ac3.Ac3Syntax;
import dev.bmff.codecs.ac3.Eac3Specific;
import dev.bmff.codecs.alac.AlacConfig;
import dev.bmff.codecs.alac.AlacFrameParser;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.flac.FlacFrameParser;
import dev.bmff.codecs.flac.StreamInfo;
import dev.bmff.codecs.mpa.MpegAudioHeader;
import dev.bmff.codecs.mpa.MpegAudioSyntax;
import dev.bmff.codecs.sync.SyncFrameSyntax;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The audio matchers (FLAC, ALAC, MP3, AC-3, E-AC-3) against their reference twin, the codec's parser run on the whole
 * byte array: on ffmpeg's frames with random bytes between some of them, at any position and through windows of any
 * buffer size, a matcher finds a sample exactly where the parser does, of the same length.
 */
class AudioMatcherProperties {
    /** A stream's bytes (frames and garbage) in a file, and the twins. */
    record Stream(byte[] bytes, Path file, SampleMatcher matcher, Twin twin) {
    }

    /** The plain parse: the sample length at {@code pos} of {@code b}, or 0. */
    interface Twin {
        int length(byte[] b, int pos);
    }

    private static Map<String, Stream> streams;

    static synchronized Map<String, Stream> streams() throws Exception {
        if (streams == null) {
            Path dir = Files.createDirectories(Path.of("target", "audio-matcher-properties"));
            Map<String, Stream> m = new LinkedHashMap<>();
            for (String codec : List.of("flac", "alac", "libmp3lame", "ac3", "eac3")) {
                Path file = dir.resolve(codec + (codec.equals("alac") ? ".m4a" : ".mp4"));
                if (!Files.exists(file)) {
                    ExternalTools.run("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                            "anoisesrc=a=0.1:r=48000:seed=5", "-t", "0.6", "-ac", "2", "-c:a", codec, "-strict", "-2",
                            file.toString());
                }
                m.put(codec, stream(codec, file, dir.resolve(codec + ".bin")));
            }
            streams = m;
        }
        return streams;
    }

    private static Stream stream(String codec, Path file, Path out) throws Exception {
        byte[] all = Files.readAllBytes(file);
        var index = SampleIndex.of(BoxReader.read(file, ReadOptions.strict()));
        TrackSamples t = index.tracks().get(0);
        var entry = (dev.bmff.core.box.AudioSampleEntry) t.sampleDescriptions().get(0);
        Random rnd = new Random(codec.hashCode());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < t.sampleCount(); i++) {
            b.write(all, (int) t.offset(i), (int) t.size(i));
            if (rnd.nextInt(3) == 0) {
                byte[] garbage = new byte[rnd.nextInt(40)];
                rnd.nextBytes(garbage);
                b.writeBytes(garbage);
            }
        }
        byte[] bytes = b.toByteArray();
        Files.write(out, bytes);
        byte[] first = Arrays.copyOfRange(all, (int) t.offset(0), (int) (t.offset(0) + t.size(0)));
        switch (codec) {
            case "flac" -> {
                FlacFrameParser p = new FlacFrameParser(StreamInfo.parseDfLa(box(entry, "dfLa")));
                return new Stream(bytes, out, new FlacMatcher(p), (a, pos) -> parsed(() -> p.frameLength(a, pos,
                        a.length - pos)));
            }
            case "alac" -> {
                AlacFrameParser p = new AlacFrameParser(AlacConfig.parse(box(entry, "alac")));
                return new Stream(bytes, out, new AlacMatcher(p), (a, pos) -> parsed(() -> p.frameLength(a, pos,
                        a.length - pos)));
            }
            default -> {
                SyncFrameSyntax s = switch (codec) {
                    case "ac3" -> Ac3Syntax.of(Ac3Specific.parse(box(entry, "dac3")));
                    case "eac3" -> Ac3Syntax.of(Eac3Specific.parse(box(entry, "dec3")));
                    default -> MpegAudioSyntax.of(MpegAudioHeader.parse(first, 0));
                };
                return new Stream(bytes, out, new SyncFrameMatcher(s), (a, pos) -> Math.max(0,
                        s.sampleLength(a, pos, a.length - pos)));
            }
        }
    }

    private interface Parse {
        int run() throws BitstreamException;
    }

    private static int parsed(Parse p) {
        try {
            return p.run();
        } catch (BitstreamException notAFrame) {
            return 0;
        }
    }

    private static byte[] box(dev.bmff.core.box.SampleEntry entry, String type) {
        for (var child : entry.children()) {
            if (child instanceof dev.bmff.core.box.RawBox raw && raw.type().toString().equals(type)
                    && raw.payload() instanceof dev.bmff.core.box.Bytes bytes) {
                return bytes.toArray();
            }
        }
        throw new IllegalStateException("no " + type);
    }

    /** Nothing else starts anywhere: a frame is taken on its own syntax (and, outside a resync, no picture). */
    private static final SampleMatcher.StartCheck NOTHING = new SampleMatcher.StartCheck() {
        @Override
        public boolean startsAt(long pos) {
            return false;
        }

        @Override
        public boolean strongStartAt(long pos) {
            return false;
        }
    };

    @Property(tries = 400)
    void matcher_equalsThePlainParse_atAnyPositionThroughAnyWindow(
            @ForAll @IntRange(min = 0, max = 4) int codec, @ForAll @IntRange(min = 0, max = 1 << 20) int at,
            @ForAll @IntRange(min = 64, max = 70_000) int capacity) throws Exception {
        Stream s = List.copyOf(streams().values()).get(codec);
        int pos = at % s.bytes().length;
        try (FileChannel ch = FileChannel.open(s.file())) {
            MediaWindow w = new MediaWindow(ch, 0, s.bytes().length, capacity);
            // Twice, as the walk asks: the second answer may come from the matcher's memory.
            for (int k = 0; k < 2; k++) {
                int expected = s.twin().length(s.bytes(), pos);
                Match m = s.matcher().match(w, pos, NOTHING, false);
                assertEquals(expected, m == null ? 0 : (int) m.length(), "at " + pos);
                if (expected > 0) {
                    assertTrue(s.matcher().startsHere(w, pos), "a sample starts at " + pos);
                }
            }
        }
    }

    @Property(tries = 5)
    void matcher_findsEveryFrameOfTheStream_whereThePlainParseDoes(@ForAll @IntRange(min = 0, max = 4) int codec)
            throws Exception {
        Stream s = List.copyOf(streams().values()).get(codec);
        try (FileChannel ch = FileChannel.open(s.file())) {
            MediaWindow w = new MediaWindow(ch, 0, s.bytes().length);
            int frames = 0;
            for (int pos = 0; pos < s.bytes().length; ) {
                int expected = s.twin().length(s.bytes(), pos);
                Match m = s.matcher().match(w, pos, NOTHING, false);
                assertEquals(expected, m == null ? 0 : (int) m.length(), "at " + pos);
                if (expected > 0) {
                    frames++;
                    pos += expected;
                } else {
                    pos++;
                }
            }
            assertTrue(frames >= 5, frames + " frames");
        }
    }
}

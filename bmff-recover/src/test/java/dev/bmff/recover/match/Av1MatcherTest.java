package dev.bmff.recover.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.recover.model.CodecModel;
import dev.bmff.recover.model.ModelLearner;
import dev.bmff.recover.model.ObuVocabulary;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AV1 matcher on ffmpeg's libaom output (hidden alt-ref frames, show-existing frames, key frames every 25): at each
 * sample's offset it finds the sample's exact length and sync flag, with the vocabulary learned from another recording;
 * on random bytes it accepts almost nowhere (measured: docs/codecs.md).
 */
class Av1MatcherTest {
    @TempDir
    Path dir;

    @Test
    void everySampleOfARecording_foundWithItsLengthAndSync() throws Exception {
        Path reference = dev.bmff.recover.testing.Av1OpusRecordings.make("av1-opus", "reference", "testsrc2", 660);
        Path original = dev.bmff.recover.testing.Av1OpusRecordings.make("av1-opus", "original", "testsrc", 440);
        CodecModel.Av1 av1 = (CodecModel.Av1) ModelLearner.learn(reference).tracks().get(0).codec();
        assertTrue((av1.vocabulary().types() >> 3 & 1) != 0, "show-existing frames in frame header OBUs");
        assertTrue(!av1.vocabulary().bareKeyFrames(), "libaom puts a sequence header before every key frame");
        TrackSamples t = SampleIndex.of(BoxReader.read(original, ReadOptions.strict())).tracks().get(0);
        Av1Matcher m = new Av1Matcher(av1.sequence(), av1.vocabulary(), 8 << 20);
        try (FileChannel ch = FileChannel.open(original)) {
            MediaWindow w = new MediaWindow(ch, 0, ch.size());
            for (int i = 0; i < t.sampleCount(); i++) {
                Match found = m.match(w, t.offset(i), null, false);
                assertEquals(t.size(i), found == null ? -1 : found.length(), "sample " + i);
                assertEquals(t.isSync(i), found.sync(), "sync of sample " + i);
                assertTrue(m.nextCandidate(w.copy(t.offset(i), 1), 0, 1) == 0, "the quick test passes sample " + i);
            }
        }
    }

    @Test
    void randomBytes_almostNeverASample() throws Exception {
        Path reference = dev.bmff.recover.testing.Av1OpusRecordings.make("av1-opus", "reference", "testsrc2", 660);
        CodecModel.Av1 av1 = (CodecModel.Av1) ModelLearner.learn(reference).tracks().get(0).codec();
        byte[] random = new byte[1 << 20];
        new Random(14).nextBytes(random);
        Path file = Files.write(dir.resolve("random.bin"), random);
        Av1Matcher m = new Av1Matcher(av1.sequence(), av1.vocabulary(), 8 << 20);
        int accepted = 0;
        try (FileChannel ch = FileChannel.open(file)) {
            MediaWindow w = new MediaWindow(ch, 0, ch.size());
            for (long p = 0; p < random.length; p++) {
                accepted += m.startsHere(w, p) ? 1 : 0;
            }
        }
        // Measured 0 to a few per MiB: a frame OBU header, a plausible size and four bits of frame header.
        assertTrue(accepted < 64, accepted + " of 1 MiB random positions taken for a temporal unit");
        System.out.println("Av1Matcher: " + accepted + " of " + random.length + " random positions accepted");
    }

    @Test
    void framesVocabulary_acceptsFrameAndSequenceHeaderBytesOnly() {
        assertTrue(ObuVocabulary.FRAMES.acceptsHeader(0x32, true));
        assertTrue(ObuVocabulary.FRAMES.acceptsHeader(0x0A, true));
        assertTrue(!ObuVocabulary.FRAMES.acceptsHeader(0x12, true), "a temporal delimiter is not in a sample");
        assertTrue(!ObuVocabulary.FRAMES.acceptsHeader(0x30, true), "no size field");
        assertTrue(!ObuVocabulary.FRAMES.acceptsHeader(0xB2, true), "forbidden bit");
    }
}

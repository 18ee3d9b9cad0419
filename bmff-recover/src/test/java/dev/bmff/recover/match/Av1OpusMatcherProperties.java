package dev.bmff.recover.match;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.av1.SequenceHeader;
import dev.bmff.recover.model.ObuVocabulary;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The AV1 and Opus matchers on random bytes, at every position and up to a window end that cuts anything: an answer
 * (a match within the data, or none), never an exception but an IOException.
 */
class Av1OpusMatcherProperties {
    /** libaom's sequence header for 64x48 4:2:0 8-bit (as in bmff-codecs' Av1OpusProperties). */
    private static final byte[] SEQUENCE = {0x00, 0x00, 0x00, 0x02, (byte) 0xaf, (byte) 0xf7, (byte) 0x9b, 0x5f, 0x20,
        0x08};

    @Property(tries = 150)
    void randomBytes_matchersAnswerWithinTheData(@ForAll @Size(min = 1, max = 600) byte[] data) throws Exception {
        Path file = Files.createTempFile("av1opus", ".bin");
        try {
            Files.write(file, data);
            Av1Matcher av1 = new Av1Matcher(SequenceHeader.parse(SEQUENCE), ObuVocabulary.FRAMES, 1 << 20);
            OpusMatcher opus = new OpusMatcher(Map.of(data[0] & 0xFF, 10), Map.of(0x8A, 3), 1, 300, 40, 10, 6, data.length % 2 == 0);
            SampleMatcher.StartCheck check = new SampleMatcher.StartCheck() {
                @Override
                public boolean startsAt(long pos) throws IOException {
                    return pos % 7 == 0;
                }

                @Override
                public boolean strongStartAt(long pos) throws IOException {
                    return pos % 13 == 0;
                }
            };
            try (FileChannel ch = FileChannel.open(file)) {
                MediaWindow w = new MediaWindow(ch, 0, ch.size(), 64);
                for (long p = 0; p < data.length; p++) {
                    for (SampleMatcher m : new SampleMatcher[] {av1, opus}) {
                        Match found = m.match(w, p, check, p % 2 == 0);
                        assertTrue(found == null || p + found.length() <= data.length, "within the data");
                        m.startsHere(w, p);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

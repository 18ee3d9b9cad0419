package dev.bmff.codecs.aac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Real AAC frames of the fixtures cut at every byte: always {@link Kind#TRUNCATED}, at a bit before the cut,
 * and at the same bit for every cut from that bit's byte on (the read there is what the cut stops).
 */
class RawDataBlockCutTest {
    private static final int FRAMES_PER_TRACK = 24;

    @Test
    void everyCutOfAFrame_isTruncated_atTheReadItStops() throws Exception {
        int cuts = 0;
        for (Path file : AacCorpus.fixtures()) {
            for (RawDataBlockParserTest.Track t : RawDataBlockParserTest.tracks(file)) {
                RawDataBlockParser parser = RawDataBlockParser.of(t.config());
                for (int i = 0; i < Math.min(FRAMES_PER_TRACK, t.samples().sampleCount()); i++) {
                    int offset = (int) t.samples().offset(i);
                    int size = (int) t.samples().size(i);
                    assertEquals(size, parser.frameLength(t.bytes(), offset, size), file + " frame " + i);
                    for (int k = 0; k < size; k++) {
                        String where = file.getFileName() + " frame " + i + " cut at " + k + " of " + size;
                        BitstreamException e = cut(parser, t.bytes(), offset, k, where);
                        long at = e.bitOffset();
                        assertTrue(at >= 0 && at <= 8L * k, where + ": " + e.getMessage());
                        int first = (int) ((at + 7) / 8);
                        if (first < k) {
                            assertEquals(at, cut(parser, t.bytes(), offset, first, where).bitOffset(), where);
                        }
                        cuts++;
                    }
                }
            }
        }
        assertTrue(cuts > 10_000, "cuts tried: " + cuts);
    }

    private static BitstreamException cut(RawDataBlockParser parser, byte[] data, int offset, int available,
            String where) {
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> parser.parse(data, offset, available), where);
        assertEquals(Kind.TRUNCATED, e.kind(), where + ": " + e.getMessage());
        return e;
    }
}

package dev.bmff.recover.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleFramingTest {
    private static byte[] boxes(int[]... keyAndSize) {
        int total = 0;
        for (int[] b : keyAndSize) {
            total += b[1];
        }
        ByteBuffer out = ByteBuffer.allocate(total + 8);
        for (int[] b : keyAndSize) {
            out.putInt(b[1]).putInt(b[0]).put(new byte[b[1] - 8]);
        }
        return out.array();
    }

    @Test
    void boxes_sampleEndsOnlyAfterALearnedKeySequence() {
        SampleFraming faces = new SampleFraming.Boxes(List.of(1L, 2L), 2, List.of(List.of(1L, 2L)), Map.of());
        byte[] face = boxes(new int[] {1, 40}, new int[] {2, 12});
        assertArrayEquals(new long[] {52}, faces.lengths(face, 0, face.length));
        // Two key 1 boxes in a row are two samples of another track that numbers its keys from 1 too.
        byte[] info = boxes(new int[] {1, 40}, new int[] {1, 40});
        assertArrayEquals(SampleFraming.NONE, faces.lengths(info, 0, info.length));
    }

    @Test
    void boxes_longestLearnedSequenceFirst() {
        SampleFraming f = new SampleFraming.Boxes(List.of(1L, 2L), 2, List.of(List.of(1L), List.of(1L, 2L)), Map.of());
        byte[] b = boxes(new int[] {1, 20}, new int[] {2, 12});
        assertArrayEquals(new long[] {32, 20}, f.lengths(b, 0, b.length));
    }

    @Test
    void boxes_keyWithOneSizeInTheReferenceTakesOnlyThatSize() {
        SampleFraming still = new SampleFraming.Boxes(List.of(1L), 1, List.of(List.of(1L)), Map.of(1L, 10L));
        byte[] ten = boxes(new int[] {1, 10});
        byte[] other = boxes(new int[] {1, 48});
        assertArrayEquals(new long[] {10}, still.lengths(ten, 0, ten.length));
        assertArrayEquals(SampleFraming.NONE, still.lengths(other, 0, other.length));
    }

    @Test
    void boxes_withoutSequencesAnyRunOfKnownKeys() {
        SampleFraming any = new SampleFraming.Boxes(List.of(1L, 2L), 3);
        byte[] b = boxes(new int[] {1, 16}, new int[] {2, 16}, new int[] {1, 16});
        assertArrayEquals(new long[] {48}, any.lengths(b, 0, b.length));
    }

    @Test
    void protobuf_messageEndsOnlyAfterALastField() {
        SampleFraming f = new SampleFraming.Protobuf(java.util.Set.of(4L), 256);
        // field 1 varint 150, field 2 bytes "abc", field 4 fixed32, then the next message's first bytes
        byte[] m = {0x08, (byte) 0x96, 0x01, 0x12, 3, 'a', 'b', 'c', 0x25, 1, 2, 3, 4, 0x08, 0x01};
        assertArrayEquals(new long[] {13}, f.lengths(m, 0, m.length));
        // A repeated last field: the message may end after either, the shortest first.
        byte[] twice = {0x25, 1, 2, 3, 4, 0x25, 5, 6, 7, 8};
        assertArrayEquals(new long[] {5, 10}, f.lengths(twice, 0, twice.length));
        // No last field: no end.
        assertArrayEquals(SampleFraming.NONE, f.lengths(m, 0, 8));
        // A field running past the bytes, or a field number 0, ends nothing.
        byte[] bad = {0x00, 0x01, 0x25, 1, 2};
        assertArrayEquals(SampleFraming.NONE, f.lengths(bad, 0, bad.length));
    }

    @Test
    void sizes_aSizeWithFirstBytesOfItsOwnOnlyWhereTheyAre() {
        SampleFraming fdsc = new SampleFraming.Sizes(List.of(16L, 152L, 300L), List.of(
                dev.bmff.core.box.Bytes.of((byte) 'G', (byte) 'P'),
                dev.bmff.core.box.Bytes.of((byte) 'G', (byte) 'P', (byte) 3, (byte) 1),
                dev.bmff.core.box.Bytes.of((byte) 'G', (byte) 'P', (byte) 'R', (byte) 'O')));
        byte[] audio = {'G', 'P', 4, 0, 0, 0, 1, 42};
        byte[] second = {'G', 'P', 3, 1, 0, 0, (byte) 0xd6, (byte) 0xf9};
        assertArrayEquals(new long[] {16}, fdsc.lengths(audio, 0, audio.length));
        assertArrayEquals(new long[] {16, 152}, fdsc.lengths(second, 0, second.length));
        assertArrayEquals(new long[] {16, 152, 300}, new SampleFraming.Sizes(List.of(16L, 152L, 300L))
                .lengths(audio, 0, audio.length));
    }

    @Test
    void delimited_bytesGiveNoLength() {
        byte[] b = {'A', 'B', 'C', 'D', 1, 2, 3};
        assertArrayEquals(SampleFraming.NONE, new SampleFraming.Delimited(2, 100).lengths(b, 0, b.length));
    }
}

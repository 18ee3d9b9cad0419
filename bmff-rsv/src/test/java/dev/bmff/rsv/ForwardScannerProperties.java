package dev.bmff.rsv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bmff.codecs.scan.BytePattern;
import dev.bmff.codecs.scan.PatternScanner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The windowed two-pattern scanner against the obvious byte-by-byte search. */
class ForwardScannerProperties {
    @Property(tries = 200)
    void findsWhatTheNaiveSearchFinds_acrossWindowEdges(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5000)
            int length, @ForAll @IntRange(min = 64, max = 300) int window, @ForAll boolean hevc) throws IOException {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        // Mostly zeros (media is full of them) with planted patterns, some overlapping window edges.
        for (int i = 0; i < length; i++) {
            data[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : 0;
        }
        BytePattern aud = hevc ? BytePattern.HEVC_AUD : BytePattern.H264_AUD;
        for (int k = random.nextInt(20); k > 0 && length > 20; k--) {
            BytePattern p = random.nextBoolean() ? aud : RsvLayout.RTMD_HEADER;
            int at = random.nextInt(length - p.length());
            for (int i = 0; i < p.length(); i++) {
                data[at + i] = (byte) ((p.valueAt(i) & p.maskAt(i)) | (random.nextInt(256) & ~p.maskAt(i)));
            }
        }
        Path file = Files.createTempFile("scan", ".bin");
        try {
            Files.write(file, data);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                if (i + aud.length() <= length && aud.matches(data, i)) {
                    expected.add("AUD@" + i);
                } else if (i + 12 <= length && RsvLayout.RTMD_HEADER.matches(data, i)) {
                    expected.add("RTMD@" + i);
                }
            }
            List<String> found = new ArrayList<>();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ForwardScanner s = new ForwardScanner(ch, length, PatternScanner.of(aud), window);
                s.seek(0);
                for (long at = s.next(); at >= 0; at = s.next()) {
                    found.add(s.kind() + "@" + at);
                }
            }
            assertEquals(expected, found);
        } finally {
            Files.delete(file);
        }
    }
}

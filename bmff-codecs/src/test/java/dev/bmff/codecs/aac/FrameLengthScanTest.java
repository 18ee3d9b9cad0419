package dev.bmff.codecs.aac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The length-only scan ({@link RawDataBlockParser#frameLength} and {@link RawDataBlockParser#probe}, through
 * {@link FrameLengthScan}) against its reference twin, the walk with the bit-by-bit Huffman decoder
 * ({@link RawDataBlockParser#parseWithReferenceDecoder}), on every AAC frame of the corpus ffmpeg makes at test
 * time ({@link AacCorpus}: 7.35 to 96 kHz, mono to 7.1, 16k to 512k, TNS, pulse, PNS, intensity, M/S, PCE), the
 * fixtures and the real recordings in {@code fixtures/real}: the frame inside its file, cut by one byte, and with
 * the end of the array right after it (where the scan leaves the last bytes to the walk).
 */
class FrameLengthScanTest {
    private static final List<Path> CORPUS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void makeCorpus() throws Exception {
        CORPUS.addAll(AacCorpus.fixturesAndClips());
        Path real = Fixtures.dir().resolve("real");
        if (Files.isDirectory(real)) {
            try (Stream<Path> s = Files.walk(real)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    try {
                        if (!AacTestSupport.aacTracks(p).isEmpty()) {
                            CORPUS.add(p);
                        }
                    } catch (Exception | AssertionError e) {
                        // not an AAC-carrying file
                    }
                }
            }
        }
    }

    /** What the reference walk says of the bytes: the length, or the exception's kind and message. */
    static String reference(RawDataBlockParser p, byte[] data, int offset, int available) {
        try {
            return Integer.toString(p.parseWithReferenceDecoder(data, offset, available).length());
        } catch (BitstreamException e) {
            return "failed: " + e.kind() + " at " + e.bitOffset() + ": " + e.getMessage();
        }
    }

    /** The same from {@code frameLength}, checking {@code probe} agrees with it. */
    static String fast(RawDataBlockParser p, byte[] data, int offset, int available) {
        int probe = p.probe(data, offset, available);
        String got;
        try {
            got = Integer.toString(p.frameLength(data, offset, available));
        } catch (BitstreamException e) {
            got = "failed: " + e.kind() + " at " + e.bitOffset() + ": " + e.getMessage();
        }
        assertEquals(got.startsWith("failed") ? "0" : got, Integer.toString(probe), "probe and frameLength");
        return got;
    }

    static void same(RawDataBlockParser p, byte[] data, int offset, int available, String what) {
        assertEquals(reference(p, data, offset, available), fast(p, data, offset, available), what);
    }

    @Test
    void everyFrameOfTheCorpus_sameLengthAsTheReference_inItsFile_cut_andAtTheEndOfTheArray() {
        AtomicInteger frames = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CORPUS.parallelStream().forEach(file -> {
            try {
                for (RawDataBlockParserTest.Track t : RawDataBlockParserTest.tracks(file)) {
                    RawDataBlockParser p = RawDataBlockParser.of(t.config());
                    byte[] bytes = t.bytes();
                    for (int i = 0; i < t.samples().sampleCount(); i++) {
                        int offset = (int) t.samples().offset(i);
                        int size = (int) t.samples().size(i);
                        String what = file.getFileName() + " frame " + i;
                        try {
                            assertEquals(Integer.toString(size), fast(p, bytes, offset, bytes.length - offset), what);
                            same(p, bytes, offset, size - 1, what + " cut by a byte");
                            byte[] alone = Arrays.copyOfRange(bytes, offset, offset + size);
                            same(p, alone, 0, size, what + " alone in its array");
                        } catch (AssertionError e) {
                            failures.add(e.getMessage());
                        }
                        frames.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                failures.add(file + ": " + e);
            }
        });
        System.out.println("[aac-scan] " + CORPUS.size() + " files, " + frames + " frames");
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: "
                + failures.subList(0, Math.min(10, failures.size())));
        assertTrue(frames.get() > 1000, "corpus too small: " + frames);
    }
}

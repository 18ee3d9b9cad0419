package dev.bmff.codecs.aac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitWriter;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.core.testing.Fixtures;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof of {@link RawDataBlockParser} and its Huffman tables: for every AAC frame of every fixture
 * and of clips ffmpeg encodes at test time, the length parsed from the frame and all the bytes after it
 * in the file equals the sample size in the MP4 (stsz) and ffprobe's packet size. A single wrong codeword
 * length, sign-bit count or escape in any table shifts every later codeword and breaks that equality.
 */
class RawDataBlockParserTest {
    private static final List<Path> CORPUS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void makeCorpus() throws Exception {
        CORPUS.addAll(AacCorpus.fixturesAndClips());
    }

    /** One AAC track's frames: the whole file, the config, and the sample table. */
    record Track(Path file, int stream, byte[] bytes, AudioSpecificConfig config, TrackSamples samples) {
    }

    static List<Track> tracks(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        List<Track> out = new ArrayList<>();
        for (AacTestSupport.AacTrack t : AacTestSupport.aacTracks(file)) {
            AudioSpecificConfig asc = AudioSpecificConfig.parse(
                    EsDescriptor.parseEsds(t.esdsPayload()).decoderSpecificInfo().toArray());
            out.add(new Track(file, t.streamIndex(), bytes, asc, t.samples()));
        }
        return out;
    }

    @Test
    void everyFrameOfTheCorpus_parsesToItsSampleSize_andFfprobeAgrees() throws Exception {
        AtomicInteger frames = new AtomicInteger();
        AtomicInteger codebooks = new AtomicInteger();
        Set<RawDataBlock.Tool> tools = Collections.synchronizedSet(EnumSet.noneOf(RawDataBlock.Tool.class));
        TreeMap<String, String> perFile = new TreeMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int[][] usage = newUsage();
        CORPUS.parallelStream().forEach(file -> {
            try {
                for (Track t : tracks(file)) {
                    RawDataBlockParser parser = RawDataBlockParser.of(t.config());
                    List<Long> probe = ffprobePacketSizes(file, t.stream());
                    assertEquals(t.samples().sampleCount(), probe.size(), file + ": ffprobe packet count");
                    int fileCodebooks = 0;
                    Set<RawDataBlock.Tool> fileTools = EnumSet.noneOf(RawDataBlock.Tool.class);
                    int[][] fileUsage = newUsage();
                    for (int i = 0; i < t.samples().sampleCount(); i++) {
                        long size = t.samples().size(i);
                        assertEquals(size, (long) probe.get(i), file + " frame " + i + ": stsz vs ffprobe");
                        int offset = (int) t.samples().offset(i);
                        try {
                            RawDataBlock b = parser.parse(t.bytes(), offset, t.bytes().length - offset, fileUsage);
                            if (b.length() != size) {
                                failures.add(file.getFileName() + " frame " + i + ": parsed " + b.length()
                                        + " bytes, stsz " + size);
                            }
                            fileCodebooks |= b.spectralCodebooks();
                            fileTools.addAll(b.tools());
                        } catch (BitstreamException e) {
                            failures.add(file.getFileName() + " frame " + i + " (" + size + " bytes): " + e.getMessage());
                        }
                        frames.incrementAndGet();
                    }
                    codebooks.getAndAccumulate(fileCodebooks, (a, b) -> a | b);
                    tools.addAll(fileTools);
                    synchronized (usage) {
                        for (int cb = 0; cb < usage.length; cb++) {
                            for (int i = 0; i < usage[cb].length; i++) {
                                usage[cb][i] += fileUsage[cb][i];
                            }
                        }
                    }
                    synchronized (perFile) {
                        perFile.put(file.getFileName() + "#" + t.stream(), t.samples().sampleCount() + " frames, "
                                + t.config().samplingFrequency() + " Hz, config " + t.config().channelConfiguration()
                                + ", codebooks " + books(fileCodebooks) + ", " + fileTools);
                    }
                }
            } catch (Exception e) {
                failures.add(file + ": " + e);
            }
        });
        perFile.forEach((k, v) -> System.out.println("[aac-raw] " + k + ": " + v));
        System.out.println("[aac-raw] corpus: " + CORPUS.size() + " files, " + frames + " frames, spectral codebooks "
                + books(codebooks.get()) + ", tools " + tools);
        StringBuilder coverage = new StringBuilder("[aac-raw] codewords decoded at least once:");
        for (int cb = 0; cb < usage.length; cb++) {
            int used = 0;
            for (int n : usage[cb]) {
                used += n > 0 ? 1 : 0;
            }
            coverage.append(cb == 0 ? " scalefactor " : ", cb" + cb + " ").append(used).append('/').append(usage[cb].length);
        }
        System.out.println(coverage);
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: "
                + failures.subList(0, Math.min(20, failures.size())));
        assertTrue(frames.get() > 1000, "corpus too small: " + frames);
        assertEquals(0xFFE, codebooks.get(), "the corpus must use all 11 spectral codebooks: " + books(codebooks.get()));
        assertTrue(tools.containsAll(EnumSet.of(RawDataBlock.Tool.SHORT_WINDOWS, RawDataBlock.Tool.WINDOW_GROUPING,
                RawDataBlock.Tool.TNS, RawDataBlock.Tool.PNS, RawDataBlock.Tool.INTENSITY, RawDataBlock.Tool.MS,
                RawDataBlock.Tool.ESCAPE_SEQUENCE, RawDataBlock.Tool.FIL)), "tools exercised: " + tools);
    }

    static int[][] newUsage() {
        int[][] usage = new int[12][];
        usage[0] = new int[AacCodebooks.SCALEFACTOR.length];
        for (int cb = 1; cb <= 11; cb++) {
            usage[cb] = new int[AacCodebooks.SPECTRAL[cb].signBits.length];
        }
        return usage;
    }

    static String books(int mask) {
        List<Integer> l = new ArrayList<>();
        for (int cb = 1; cb <= 11; cb++) {
            if ((mask >>> cb & 1) != 0) {
                l.add(cb);
            }
        }
        return l.toString();
    }

    static List<Long> ffprobePacketSizes(Path file, int stream) {
        String out = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", String.valueOf(stream),
                "-show_entries", "packet=size", "-of", "csv=p=0", file.toString());
        List<Long> sizes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                sizes.add(Long.parseLong(line.trim().replace(",", "")));
            }
        }
        return sizes;
    }

    // ---- rejection ----

    private static final List<RawDataBlockParser> CONFIGS = List.of(RawDataBlockParser.of(4, 1),
            RawDataBlockParser.of(4, 2), RawDataBlockParser.of(3, 2), RawDataBlockParser.of(3, 6));

    /**
     * Random bytes are rarely a frame. Prints the false-accept rate (a frame parsed) and the rate of three
     * frames parsing back to back, which is what a recovery scan can require.
     */
    @Test
    void randomBytes_areMostlyRejected() {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] buf = new byte[8192];
        for (RawDataBlockParser p : CONFIGS) {
            int tries = 20_000;
            int accepted = 0;
            int chained = 0;
            for (int i = 0; i < tries; i++) {
                rnd.nextBytes(buf);
                int n = chain(p, buf, 0, 3);
                accepted += n >= 1 ? 1 : 0;
                chained += n >= 3 ? 1 : 0;
            }
            System.out.printf("[aac-raw] random bytes, %s: %d/%d accepted (%.3f%%), %d three in a row%n", p,
                    accepted, tries, 100.0 * accepted / tries, chained);
            assertTrue(accepted < tries / 20, "random data accepted too often: " + accepted + "/" + tries);
        }
    }

    /** H.264 samples of the fixtures, tried at each of their first 64 byte offsets. */
    @Test
    void videoSamples_areMostlyRejected() throws Exception {
        List<byte[]> samples = new ArrayList<>();
        for (String name : List.of("h264-aac.mp4", "hevc-aac.mp4", "h264-main.mp4", "h264-high10.mp4",
                "h264-baseline.mp4", "h264-444.mp4")) {
            Path f = Fixtures.file(name);
            byte[] bytes = Files.readAllBytes(f);
            SampleIndex index = SampleIndex.of(BoxReader.read(f, ReadOptions.strict()));
            for (TrackSamples t : index.tracks()) {
                if (!t.handlerType().toString().equals("vide")) {
                    continue;
                }
                for (int i = 0; i < t.sampleCount(); i++) {
                    int off = (int) t.offset(i);
                    int size = (int) t.size(i);
                    samples.add(java.util.Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + size + 4096)));
                }
            }
        }
        for (RawDataBlockParser p : CONFIGS) {
            int tries = 0;
            int accepted = 0;
            int chained = 0;
            for (byte[] s : samples) {
                for (int start = 0; start < Math.min(64, s.length); start++) {
                    tries++;
                    int n = chain(p, s, start, 3);
                    accepted += n >= 1 ? 1 : 0;
                    chained += n >= 3 ? 1 : 0;
                }
            }
            System.out.printf("[aac-raw] video data, %s: %d/%d accepted (%.3f%%), %d three in a row%n", p,
                    accepted, tries, 100.0 * accepted / tries, chained);
            assertTrue(accepted < tries / 10, "video data accepted too often: " + accepted + "/" + tries);
        }
    }

    /** How many frames parse back to back from {@code start}, up to {@code max}. */
    static int chain(RawDataBlockParser p, byte[] data, int start, int max) {
        int n = 0;
        int pos = start;
        while (n < max && pos < data.length) {
            try {
                pos += p.frameLength(data, pos, data.length - pos);
                n++;
            } catch (BitstreamException e) {
                break;
            }
        }
        return n;
    }

    // ---- syntax the encoder never writes: hand-built frames ----

    /** An SCE: long window, max_sfb 1, one codebook-1 section, the given scalefactor code, pulses, zero spectrum. */
    private static BitWriter sceHeader(BitWriter w, int maxSfb) {
        w.u(3, RawDataBlockParser.SCE).u(4, 0).u(8, 100); // tag, global_gain
        w.u(1, 0).u(2, 0).u(1, 0).u(6, maxSfb).u(1, 0); // ics_info: long, max_sfb, no prediction
        return w;
    }

    @Test
    void pulseData_cceDsePceAndFill_areSkippedExactly() throws Exception {
        // SCE at 44.1 kHz: band 0 (4 lines) with codebook 1: one 4-line codeword, index 40 (all zero) = "1".
        BitWriter w = sceHeader(new BitWriter(), 1);
        w.u(4, 1).u(5, 1); // section: cb 1, length 1
        w.u(1, 0); // scalefactor difference 0: codeword "0" (index 60)
        w.u(1, 1).u(2, 1).u(6, 0).u(5, 3).u(4, 2).u(5, 0).u(4, 1); // pulse_data: 2 pulses from band 0
        w.u(1, 0).u(1, 0); // no TNS, no gain control
        w.u(1, 0); // spectral codebook 1, index 40 (0,0,0,0): codeword "0"
        w.u(3, RawDataBlockParser.DSE).u(4, 0).u(1, 1).u(8, 2); // DSE, byte aligned, 2 bytes
        while (w.bitLength() % 8 != 0) {
            w.u(1, 0);
        }
        w.u(16, 0xBEEF);
        w.u(3, RawDataBlockParser.FIL).u(4, 15).u(8, 5); // FIL of 14 + 5 = 19 bytes
        w.u(4, 13).u(4, 0);
        for (int i = 1; i < 19; i++) {
            w.u(8, 0xA5);
        }
        w.u(3, RawDataBlockParser.END);
        byte[] frame = w.toByteArray();
        byte[] withTail = java.util.Arrays.copyOf(frame, frame.length + 100);
        java.util.Arrays.fill(withTail, frame.length, withTail.length, (byte) 0xFF);
        RawDataBlock b = RawDataBlockParser.of(4, 1).parse(withTail, 0, withTail.length);
        assertEquals(frame.length, b.length());
        assertEquals(w.bitLength(), b.bits());
        assertEquals(Set.of(RawDataBlock.Tool.PULSE, RawDataBlock.Tool.DSE, RawDataBlock.Tool.FIL,
                RawDataBlock.Tool.SBR), b.tools());
        assertEquals(1 << 1, b.spectralCodebooks());

        // Pulse data in a short window is an error.
        BitWriter s = new BitWriter().u(3, RawDataBlockParser.SCE).u(4, 0).u(8, 100);
        s.u(1, 0).u(2, 2).u(1, 0).u(4, 0).u(7, 0); // eight short, max_sfb 0, no grouping
        s.u(1, 1).u(2, 0).u(6, 0).u(5, 0).u(4, 1);
        byte[] bad = java.util.Arrays.copyOf(s.toByteArray(), 64);
        assertThrows(BitstreamException.class, () -> RawDataBlockParser.of(4, 1).parse(bad, 0, bad.length));
    }

    @Test
    void couplingAndProgramConfigElements_onlyWithChannelConfigurationZero() throws Exception {
        // channel configuration 0 with a PCE of one SCE: asc = LC, 44.1 kHz, config 0, PCE.
        BitWriter asc = new BitWriter().u(5, 2).u(4, 4).u(4, 0).u(1, 0).u(1, 0).u(1, 0);
        pce(asc);
        AudioSpecificConfig config = AudioSpecificConfig.parse(asc.toByteArray());
        assertEquals(1, config.channelCount());
        RawDataBlockParser p = RawDataBlockParser.of(config);

        BitWriter w = new BitWriter();
        w.u(3, RawDataBlockParser.PCE);
        pce(w);
        sceHeader(w, 0).u(1, 0).u(1, 0).u(1, 0); // SCE, max_sfb 0: no sections, no tools
        // CCE: tag, ind_sw 0, 1 coupled element (num_coupled_elements 0), target CPE with both l and r.
        w.u(3, RawDataBlockParser.CCE).u(4, 0).u(1, 0).u(3, 0).u(1, 1).u(4, 0).u(1, 1).u(1, 1);
        w.u(1, 0).u(1, 0).u(2, 0); // cc_domain, gain_element_sign, gain_element_scale
        w.u(8, 100).u(1, 0).u(2, 0).u(1, 0).u(6, 1).u(1, 0); // its ics: long window, max_sfb 1
        w.u(4, 5).u(5, 1); // section: codebook 5 over band 0
        w.u(4, 0b1011); // scalefactor difference -1: index 59 = "1011"
        w.u(1, 0).u(1, 0).u(1, 0);
        w.u(1, 0).u(1, 0); // codebook 5, two pairs (0,0): index 40 = "0" each
        w.u(1, 0).u(4, 0b1010); // list 1: common_gain_element_present 0, dpcm gain for band 0: +1 = "1010"
        w.u(3, RawDataBlockParser.END);
        byte[] frame = w.toByteArray();
        byte[] buf = java.util.Arrays.copyOf(frame, frame.length + 50);
        RawDataBlock b = p.parse(buf, 0, buf.length);
        assertEquals(frame.length, b.length());
        assertEquals(Set.of(RawDataBlock.Tool.PCE, RawDataBlock.Tool.CCE), b.tools());
        // With channel configuration 1 neither a PCE nor a CCE may appear.
        assertThrows(BitstreamException.class, () -> RawDataBlockParser.of(4, 1).parse(buf, 0, buf.length));
    }

    /** A PCE of one front SCE, object type LC, 44.1 kHz, no comment. */
    private static void pce(BitWriter w) {
        w.u(4, 0).u(2, 1).u(4, 4).u(4, 1).u(4, 0).u(4, 0).u(2, 0).u(3, 0).u(4, 0);
        w.u(1, 0).u(1, 0).u(1, 0); // no mixdowns
        w.u(1, 0).u(4, 0); // front element: SCE tag 0
        while (w.bitLength() % 8 != 0) {
            w.u(1, 0);
        }
        w.u(8, 0); // comment_field_bytes
    }

    private static void assertKind(Kind kind, long bitOffset, org.junit.jupiter.api.function.Executable parse) {
        BitstreamException e = assertThrows(BitstreamException.class, parse);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(bitOffset, e.bitOffset(), e.getMessage());
    }

    @Test
    void structuralErrors_areRejected() {
        RawDataBlockParser mono = RawDataBlockParser.of(4, 1);
        RawDataBlockParser stereo = RawDataBlockParser.of(4, 2);
        byte[] end = {(byte) 0xE0, 0, 0, 0};
        assertKind(Kind.INVALID, 0, () -> mono.parse(end, 0, end.length));
        byte[] cpeInMono = java.util.Arrays.copyOf(new BitWriter().u(3, 1).toByteArray(), 32);
        assertKind(Kind.INVALID, 0, () -> mono.parse(cpeInMono, 0, cpeInMono.length));
        // max_sfb 50 > 49 bands at 44.1 kHz: id, tag, global_gain, ics_reserved_bit, window sequence and shape
        long maxSfbAt = 3 + 4 + 8 + 1 + 2 + 1;
        byte[] maxSfb = java.util.Arrays.copyOf(sceHeader(new BitWriter(), 50).toByteArray(), 64);
        assertKind(Kind.OUT_OF_RANGE, maxSfbAt, () -> mono.parse(maxSfb, 0, maxSfb.length));
        // a section of 3 bands when max_sfb is 2 (6 bits of max_sfb, predictor_data_present, sect_cb)
        byte[] overrun = java.util.Arrays.copyOf(sceHeader(new BitWriter(), 2).u(4, 1).u(5, 3).toByteArray(), 64);
        assertKind(Kind.OUT_OF_RANGE, maxSfbAt + 6 + 1 + 4, () -> mono.parse(overrun, 0, overrun.length));
        // reserved codebook 12
        byte[] cb12 = java.util.Arrays.copyOf(sceHeader(new BitWriter(), 2).u(4, 12).u(5, 1).toByteArray(), 64);
        assertKind(Kind.RESERVED, maxSfbAt + 6 + 1, () -> mono.parse(cb12, 0, cb12.length));
        // a frame longer than 6144 bits: a fill element of 270 bytes, repeated
        BitWriter big = new BitWriter();
        for (int i = 0; i < 4; i++) {
            big.u(3, RawDataBlockParser.FIL).u(4, 15).u(8, 255);
            for (int k = 0; k < 269; k++) {
                big.u(8, 0);
            }
        }
        byte[] huge = java.util.Arrays.copyOf(big.toByteArray(), 4000);
        BitstreamException e = assertThrows(BitstreamException.class, () -> mono.parse(huge, 0, huge.length));
        assertTrue(e.getMessage().contains("6144"), e.getMessage());
        assertEquals(1536, stereo.maxFrameLength());
        // 960-sample frames (frameLengthFlag 1) and other object types are refused up front.
        assertThrows(BitstreamException.class, () -> RawDataBlockParser.of(AudioSpecificConfig.parse(
                new BitWriter().u(5, 2).u(4, 4).u(4, 2).u(1, 1).u(1, 0).u(1, 0).toByteArray())));
        assertThrows(BitstreamException.class, () -> RawDataBlockParser.of(AudioSpecificConfig.parse(
                new BitWriter().u(5, 1).u(4, 4).u(4, 2).u(1, 0).u(1, 0).u(1, 0).toByteArray())));
    }
}

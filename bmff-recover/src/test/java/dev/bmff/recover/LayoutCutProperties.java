package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.ExternalTools;
import dev.bmff.recover.testing.BrokenFiles;
import dev.bmff.recover.testing.Expected;
import dev.bmff.recover.testing.Expected.SampleHash;
import dev.bmff.recover.testing.LayoutGenerator;
import dev.bmff.recover.testing.LayoutGenerator.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Files in the layouts real cameras and phones write ({@link LayoutGenerator}: GoPro, DJI, iPhone, XAVC, OBS,
 * trailers, padding, preallocated zeros), made from the fixtures' real media, with their moov lost and their media
 * cut at a random point, repaired with the complete file as the reference. For every layout and cut:
 * <ul>
 * <li>the repair succeeds, or fails with a {@link RepairException} only when no picture is whole before the cut;</li>
 * <li>every sample of the repaired file is a sample of the original, in the same track, byte for byte;</li>
 * <li>every sample whose bytes are all before the cut comes back;</li>
 * <li>each repaired track keeps its reference track's handler, sample descriptions, display matrix (the iPhone's
 *     rotation) and track references (GoPro's tref to the timecode, when that came back);</li>
 * <li>padding between chunks and a zero tail are reported as {@link SkippedRange.Cause#ZERO_FILL}, a trailer as
 *     {@link SkippedRange.Cause#UNRECOGNIZED};</li>
 * <li>ffmpeg decodes the repaired file without an error.</li>
 * </ul>
 */
class LayoutCutProperties {
    private static final int TRIES = 8;
    /**
     * The generation seed: fixed, so CI is the same run every time (a random seed found two cut positions the walk
     * got wrong, kept below; the iPhone one of 2026-12-07, seed 936117 cut 0.56, is still open: two mebx tracks whose
     * samples look alike, the last one before the cut taken by the wrong track). Set it to "" to explore.
     */
    static final String SEED = "20261207";

    @Property(tries = TRIES, seed = SEED)
    void gopro(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.GOPRO, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void dji(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.DJI, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void iphone(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.IPHONE, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void xavc(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.XAVC, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void obs(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.OBS, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void samsungSefd(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.SAMSUNG_SEFD, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void insta360Trailer(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.INSTA360_TRAILER, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void iosXmp(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.IOS_XMP, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void canonPadding(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.CANON_PADDING, seed, cut);
    }

    @Property(tries = TRIES, seed = SEED)
    void preallocated(@ForAll @LongRange(max = 1_000_000) long seed, @ForAll @DoubleRange(max = 1) double cut)
            throws Exception {
        check(Layout.PREALLOCATED, seed, cut);
    }

    // Inputs a run failed on, kept.

    /** Equal decode times: the AAC tracks took each other's frames (MediaWalker asked the last taker first). */
    @Example
    void obs_seed0_cut005() throws Exception {
        check(Layout.OBS, 0, 0.05);
    }

    /** Only rtmd before the cut: the repaired file has no stream ffmpeg could decode (nothing to check there). */
    @Example
    void xavc_seed408999_cut00201() throws Exception {
        check(Layout.XAVC, 408999, 0.0201);
    }

    /** A cut rtmd sample with zero runs inside: PCM must not take its bytes after a zero run as a last chunk. */
    @Example
    void xavc_seed847484_cut00392() throws Exception {
        check(Layout.XAVC, 847484, 0.0392);
    }

    /** A picture cut by the crash, its last NAL unit's length reaching into the zeros: it was taken with them. */
    @Example
    void preallocated_seed0_cut002() throws Exception {
        check(Layout.PREALLOCATED, 0, 0.02);
    }

    /** An audio chunk after 32 KiB of padding, further before the next picture than resync looked back. */
    @Example
    void canonPadding_seed180620_cut03698() throws Exception {
        check(Layout.CANON_PADDING, 180620, 0.3698);
    }

    /** Padding and the audio chunk after it reported as one unrecognized range. */
    @Example
    void canonPadding_seed38730_cut02169() throws Exception {
        check(Layout.CANON_PADDING, 38730, 0.2169);
    }

    /** The second fdsc sample (GP 03 01) was taken as the timecode: any 4 bytes are one, and it was due first. */
    @Example
    void gopro_seed0_cut001() throws Exception {
        check(Layout.GOPRO, 0, 0.01);
    }

    /** A 16-byte fdsc sample before the audio frame the cut splits: nothing after it confirmed it. */
    @Example
    void gopro_seed988088_cut02247() throws Exception {
        check(Layout.GOPRO, 988088, 0.2247);
    }

    /** The live-photo-info track took the key 1 box (the bounds) of a face sample as one of its samples. */
    @Example
    void iphone_seed434730_cut06944() throws Exception {
        check(Layout.IPHONE, 434730, 0.6944);
    }

    /**
     * A picture followed by only the length and header of the next picture's slice: with no byte of that slice's
     * header, the whole picture before it was refused; the reference's pictures are one slice each, so that slice
     * opens the next one.
     */
    @Example
    void iphone_seed23_cut017() throws Exception {
        check(Layout.IPHONE, 23, 0.17);
    }

    /** The still-image-time track (a 10-byte key 1 box) took a live-photo-info sample. */
    @Example
    void iphone_seed762901_cut03747() throws Exception {
        check(Layout.IPHONE, 762901, 0.3747);
    }

    /** A djmd sample before the cut ran on into the next sample: nothing told where its message ended. */
    @Example
    void dji_seed0_cut004() throws Exception {
        check(Layout.DJI, 0, 0.04);
    }

    /**
     * A djmd sample ended where a dbgi sample (no signature, a few sizes) could start that a signed sample follows:
     * by chance, inside the message.
     */
    @Example
    void dji_seed296753_cut1() throws Exception {
        check(Layout.DJI, 296753, 1.0);
    }

    /** A dbgi sample (no signature, sizes 4096, 7168, 8192) taken as 4096 bytes: another 4096 led to a djmd. */
    @Example
    void dji_seed502121_cut01316() throws Exception {
        check(Layout.DJI, 502121, 0.1316);
    }

    /**
     * PCM, due first, took four packets from inside a video chunk: bytes four packets on passed for a NAL unit cut by
     * the end of the data.
     */
    @Example
    void xavc_seed828389_cut0882() throws Exception {
        check(Layout.XAVC, 828389, 0.882);
    }

    /** A dbgi sample (no signature) before a djmd sample the cut splits: nothing confirmed where it ended. */
    @Example
    void dji_seed843283_cut09116() throws Exception {
        check(Layout.DJI, 843283, 0.9116);
    }

    /** The first 8 bytes of an fdsc sample the cut splits taken as two timecodes, the end of the data "confirming". */
    @Example
    void gopro_seed362170_cut09121() throws Exception {
        check(Layout.GOPRO, 362170, 0.9121);
    }

    /**
     * A picture in the trailer (a little-endian number gave 00 00 00 32, then a P-slice header): resync's byte by
     * byte look before the end took it without the confirmation the quick scan asks of a picture.
     */
    @Example
    void insta360Trailer_seed256866_cut01759() throws Exception {
        check(Layout.INSTA360_TRAILER, 256866, 0.1759);
    }

    /**
     * GoPro's second fdsc sample (152 bytes, GP 03 01) cut by the end: taken as two timecodes, then as a 16-byte
     * fdsc (its most frequent size, which fits where the 152-byte one does not).
     */
    @Example
    void gopro_seed939015_cut00029() throws Exception {
        check(Layout.GOPRO, 939015, 0.0029);
    }

    /**
     * PCM's last chunk before the cut was dropped: its samples 00 00 00 eb 01 ... passed for a picture start that the
     * end cuts (a slice header that does not parse).
     */
    @Example
    void xavc_seed160135_cut02609() throws Exception {
        check(Layout.XAVC, 160135, 0.2609);
    }

    /** The first 3 bytes of a picture the cut left (too few for a NAL start check) taken as a PCM frame. */
    @Example
    void xavc_seed684937_cut07597() throws Exception {
        check(Layout.XAVC, 684937, 0.7597);
    }

    /**
     * A whole picture dropped: the cut left 6 bytes of the next one (length, header, one byte), too few for its
     * slice header, so nothing said that unit opened another picture.
     */
    @Example
    void canonPadding_seed681035_cut02886() throws Exception {
        check(Layout.CANON_PADDING, 681035, 0.2886);
    }

    /**
     * A 3072-byte dbgi sample taken as 8192 bytes: a picture starts after either (3072 + 3910 + 68 + 724 + 94 + 221 +
     * 103 = 8192), and the most frequent size was tried first.
     */
    @Example
    void dji_seed205806_cut05272() throws Exception {
        check(Layout.DJI, 205806, 0.5272);
    }

    /** The file's last sample, a dbgi sample (no signature) running exactly to the end of the data, was dropped. */
    @Example
    void dji_seed11_cut1() throws Exception {
        check(Layout.DJI, 11, 1.0);
    }

    /** What one check found, for the summary in the report. */
    record Outcome(int present, int recovered) {
    }

    static Outcome check(Layout layout, long seed, double fraction) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "layout-cuts"));
        LayoutGenerator.Generated g = LayoutGenerator.generate(layout, seed, dir);
        String name = layout.name().toLowerCase(java.util.Locale.ROOT);
        LayoutGenerator.Broken b = LayoutGenerator.broken(g, fraction, dir.resolve("broken-" + name + ".mp4"));
        Path out = dir.resolve("fixed-" + name + ".mp4");
        Files.deleteIfExists(out);
        String what = g.description() + "; cut at " + fraction + " (byte " + b.cut() + ")";

        List<SampleHash> original = Expected.sampleHashes(g.file());
        Map<Long, SampleHash> byOffset = new HashMap<>();
        Map<Long, List<String>> present = new LinkedHashMap<>();
        boolean picture = false;
        for (SampleHash s : original) {
            byOffset.put(s.offset(), s);
            if (s.end() <= b.cut()) {
                present.computeIfAbsent(s.trackId(), k -> new ArrayList<>()).add(s.md5());
                picture |= s.handler().equals("vide");
            }
        }
        RepairReport report;
        try {
            report = Recovery.repair(g.file(), b.file(), out);
        } catch (RepairException e) {
            assertFalse(picture, what + ": a picture is whole, yet the repair failed: " + e);
            assertFalse(Files.exists(out), what + ": an output was left behind");
            return new Outcome(0, 0);
        }
        what += "\n" + report;

        // Every repaired sample is a sample of the original, in its track, with its bytes.
        Map<Long, Long> referenceIds = report.tracks().stream().collect(Collectors.toMap(TrackReport::trackId,
                TrackReport::referenceTrackId));
        long shift = report.mediaOffset() - BrokenFiles.mdat(out).start();
        Map<Long, List<String>> got = new LinkedHashMap<>();
        for (SampleHash r : Expected.sampleHashes(out)) {
            long track = referenceIds.get(r.trackId());
            SampleHash s = byOffset.get(r.offset() + shift);
            String sample = "repaired sample " + r.index() + " of track " + track + " (" + r.size() + " bytes at "
                    + (r.offset() + shift) + ")";
            if (s == null) {
                fail(sample + " is no sample of the original; " + what);
            }
            if (s.trackId() != track) {
                fail(sample + " is sample " + s.index() + " of track " + s.trackId() + "; " + what);
            }
            assertEquals(s.size(), r.size(), sample + " has another size than sample " + s.index() + "; " + what);
            assertEquals(s.md5(), r.md5(), sample + " has other bytes; " + what);
            got.computeIfAbsent(track, k -> new ArrayList<>()).add(r.md5());
        }
        // Every sample whose bytes are present comes back.
        for (Map.Entry<Long, List<String>> e : present.entrySet()) {
            List<String> back = got.getOrDefault(e.getKey(), List.of());
            assertEquals(e.getValue().size(), back.size(), "samples of track " + e.getKey() + " back; " + what);
            assertEquals(e.getValue(), back, "track " + e.getKey() + "; " + what);
        }
        assertEquals(present.keySet(), got.keySet(), "tracks; " + what);

        // The repaired tracks are the reference's: handler, sample descriptions, display matrix, track references.
        Map<Long, TrackSamples> reference = tracks(g.file());
        for (TrackSamples t : SampleIndex.of(BoxReader.read(out, ReadOptions.strict())).tracks()) {
            TrackSamples r = reference.get(referenceIds.get(t.trackId()));
            assertEquals(r.handlerType(), t.handlerType(), "handler; " + what);
            assertEquals(r.sampleDescriptions(), t.sampleDescriptions(), "sample descriptions; " + what);
            assertEquals(header(r).matrix(), header(t).matrix(), "display matrix; " + what);
            // The generator's track references all point to the timecode: kept when it came back.
            if (referenceIds.values().stream().anyMatch(id -> reference.get(id).handlerType().toString()
                    .equals("tmcd"))) {
                assertEquals(r.trackBox().first(FourCC.of("tref")).isPresent(),
                        t.trackBox().first(FourCC.of("tref")).isPresent(), "track references; " + what);
            }
        }

        // Skipped bytes say what they are.
        byte[] broken = Files.readAllBytes(b.file());
        for (SkippedRange s : report.skipped()) {
            if (s.cause() == SkippedRange.Cause.ZERO_FILL) {
                for (long p = s.offset(); p < s.end(); p++) {
                    assertEquals(0, broken[(int) p], "non-zero byte at " + p + " in " + s + "; " + what);
                }
            }
        }
        for (long[] pad : g.padding()) {
            assertCovered(report, pad[0], Math.min(pad[1], b.cut()), SkippedRange.Cause.ZERO_FILL, what);
        }
        if (b.end() > b.cut()) {
            assertCovered(report, b.cut(), b.end(), g.zeroTail() ? SkippedRange.Cause.ZERO_FILL
                    : SkippedRange.Cause.UNRECOGNIZED, what);
        }

        // A file with only metadata left (a cut before the first picture and audio frame) has nothing to decode.
        if (original.stream().anyMatch(s -> got.containsKey(s.trackId())
                && (s.handler().equals("vide") || s.handler().equals("soun")))) {
            String errors = ExternalTools.decodeErrors(out);
            assertTrue(errors.isEmpty(), "ffmpeg: " + errors + "; " + what);
        }
        int n = present.values().stream().mapToInt(List::size).sum();
        return new Outcome(n, got.values().stream().mapToInt(List::size).sum());
    }

    private static Map<Long, TrackSamples> tracks(Path file) throws java.io.IOException {
        Map<Long, TrackSamples> out = new LinkedHashMap<>();
        for (TrackSamples t : SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT)
                .tracks()) {
            out.put(t.trackId(), t);
        }
        return out;
    }

    private static TrackHeaderBox header(TrackSamples t) {
        return t.trackBox().first(TrackHeaderBox.class).orElseThrow();
    }

    /** {@code [from, to)} lies in skipped ranges of {@code cause}. */
    private static void assertCovered(RepairReport report, long from, long to, SkippedRange.Cause cause,
            String what) {
        long p = from;
        List<SkippedRange> ranges = report.skipped().stream().filter(s -> s.cause() == cause)
                .sorted(java.util.Comparator.comparingLong(SkippedRange::offset)).toList();
        for (SkippedRange s : ranges) {
            if (s.offset() <= p && s.end() > p) {
                p = s.end();
            }
        }
        assertTrue(p >= to, "bytes " + from + " to " + to + " are not all skipped as " + cause + " (from " + p
                + " on); " + what);
    }
}

package dev.bmff.core.testing;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieExtendsBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.box.MovieFragmentHeaderBox;
import dev.bmff.core.box.SegmentIndexBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackExtendsBox;
import dev.bmff.core.box.TrackFragmentBox;
import dev.bmff.core.box.TrackFragmentDecodeTimeBox;
import dev.bmff.core.box.TrackFragmentHeaderBox;
import dev.bmff.core.box.TrackRunBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.io.Segments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an HLS presentation of CMAF segments with our own reader, rule by rule, and names every rule it finds
 * broken (an empty list: all kept). The rules (ISO/IEC 23000-19 and RFC 8216, the ones players and packagers
 * enforce):
 *
 * <ul>
 *   <li>the header ({@code EXT-X-MAP}) has an {@code ftyp} with {@code cmfc} and {@code iso6}, a {@code moov} with an
 *       {@code mvex} holding a {@code trex} per track, no samples in any {@code stbl}, and no media data;</li>
 *   <li>every media segment starts with an {@code styp} naming {@code cmfs} or {@code cmfc}; then an optional
 *       {@code sidx} whose one reference spans exactly the fragment; then exactly one {@code moof} and one
 *       {@code mdat} (one CMAF fragment);</li>
 *   <li>in every {@code traf}: default-base-is-moof set, no base data offset, a {@code tfdt}, one {@code trun} with a
 *       data offset; the {@code tfdt} continues the track's previous segment exactly;</li>
 *   <li>a video track's fragment starts with a sync sample, every sample of any other track is a sync sample;</li>
 *   <li>{@code mfhd} sequence numbers increase;</li>
 *   <li>the playlist: {@code #EXTM3U}, {@code EXT-X-TARGETDURATION} at least every {@code #EXTINF} rounded,
 *       {@code EXT-X-MEDIA-SEQUENCE}, one {@code #EXTINF} per segment, {@code EXT-X-ENDLIST} when {@code ended}.</li>
 * </ul>
 *
 * <pre>{@code
 * assertEquals(List.of(), CmafRules.check(dir.resolve("playlist.m3u8"), true));
 * }</pre>
 */
public final class CmafRules {
    private static final FourCC VIDE = FourCC.of("vide");

    private CmafRules() {
    }

    /** A parsed media playlist: the init URI and the segments with their durations. */
    public record Playlist(String init, long targetDuration, boolean hasMediaSequence, boolean ended,
            List<String> segments, List<Double> durations) {
    }

    /** Reads the media playlist's tags (no checks). */
    public static Playlist playlist(Path m3u8) throws IOException {
        List<String> lines = Files.readAllLines(m3u8);
        String init = null;
        long target = -1;
        boolean sequence = false;
        boolean ended = false;
        List<String> segments = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        Double pending = null;
        for (String line : lines) {
            if (line.startsWith("#EXT-X-MAP:URI=\"")) {
                init = line.substring(16, line.indexOf('"', 16));
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = Long.parseLong(line.substring(22).strip());
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = true;
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (line.startsWith("#EXTINF:")) {
                pending = Double.parseDouble(line.substring(8, line.indexOf(',')));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                segments.add(line.strip());
                durations.add(pending);
                pending = null;
            }
        }
        return new Playlist(init, target, sequence, ended, segments, durations);
    }

    /** Every broken rule of the presentation {@code m3u8} lists; {@code ended}: the recording has finished. */
    public static List<String> check(Path m3u8, boolean ended) throws IOException {
        List<String> broken = new ArrayList<>();
        Playlist p = playlist(m3u8);
        String first = Files.readAllLines(m3u8).stream().findFirst().orElse("");
        if (!first.equals("#EXTM3U")) {
            broken.add("playlist: does not start with #EXTM3U");
        }
        if (p.init() == null) {
            broken.add("playlist: no EXT-X-MAP");
            return broken;
        }
        if (!p.hasMediaSequence()) {
            broken.add("playlist: no EXT-X-MEDIA-SEQUENCE");
        }
        if (p.ended() != ended) {
            broken.add("playlist: EXT-X-ENDLIST " + (ended ? "missing" : "before the end"));
        }
        for (int i = 0; i < p.segments().size(); i++) {
            Double d = p.durations().get(i);
            if (d == null) {
                broken.add("playlist: segment " + p.segments().get(i) + " without #EXTINF");
            } else if (Math.round(d) > p.targetDuration()) {
                broken.add("playlist: #EXTINF " + d + " rounds above EXT-X-TARGETDURATION " + p.targetDuration());
            }
        }
        Path dir = m3u8.toAbsolutePath().getParent();
        Path init = dir.resolve(p.init());
        ReadResult head = BoxReader.read(init, ReadOptions.strict());
        checkHeader(head, broken);
        Map<Long, Long> nextDts = new HashMap<>();
        long lastSequence = 0;
        for (String name : p.segments()) {
            Path segment = dir.resolve(name);
            ReadResult media = BoxReader.read(segment, ReadOptions.strict());
            lastSequence = checkSegment(name, head, media, nextDts, lastSequence, broken);
        }
        return broken;
    }

    private static void checkHeader(ReadResult head, List<String> broken) {
        FileTypeBox ftyp = head.first(FileTypeBox.class).orElse(null);
        // iso6 or a later edition's brand (Shaka Packager writes iso8): tfdt in every traf and the other rules.
        List<FourCC> brands = ftyp == null ? List.of() : brands(ftyp);
        boolean edition = brands.stream().anyMatch(b -> List.of("iso6", "iso7", "iso8", "iso9").contains(b.toString()));
        if (!brands.contains(FourCC.of("cmfc")) || !edition) {
            broken.add("header: ftyp without cmfc and iso6 (or later)");
        }
        MovieBox moov = head.movie().orElse(null);
        if (moov == null) {
            broken.add("header: no moov");
            return;
        }
        MovieExtendsBox mvex = moov.first(MovieExtendsBox.class).orElse(null);
        List<TrackBox> traks = moov.all(TrackBox.class);
        if (mvex == null || mvex.all(TrackExtendsBox.class).size() != traks.size()) {
            broken.add("header: no mvex with a trex per track");
        }
        for (BoxNode n : head.nodes()) {
            String type = n.header().type().toString();
            if (type.equals("mdat") || type.equals("moof")) {
                broken.add("header: holds " + type);
            }
        }
        try {
            for (TrackSamples t : SampleIndex.of(head).tracks()) {
                if (t.sampleCount() != 0) {
                    broken.add("header: track " + t.trackId() + " has " + t.sampleCount() + " samples in its stbl");
                }
            }
        } catch (IOException e) {
            broken.add("header: " + e.getMessage());
        }
    }

    private static long checkSegment(String name, ReadResult head, ReadResult media, Map<Long, Long> nextDts,
            long lastSequence, List<String> broken) throws IOException {
        List<BoxNode> nodes = media.nodes();
        List<String> types = nodes.stream().map(n -> n.header().type().toString()).toList();
        int i = 0;
        if (types.isEmpty() || !types.get(0).equals("styp")) {
            broken.add(name + ": does not start with styp");
        } else {
            FileTypeBox styp = (FileTypeBox) nodes.get(0).box();
            if (!brands(styp).contains(FourCC.of("cmfs")) && !brands(styp).contains(FourCC.of("cmfc"))) {
                broken.add(name + ": styp names neither cmfs nor cmfc");
            }
            i = 1;
        }
        SegmentIndexBox sidx = null;
        if (i < types.size() && types.get(i).equals("sidx")) {
            sidx = (SegmentIndexBox) nodes.get(i).box();
            i++;
        }
        if (!types.subList(Math.min(i, types.size()), types.size()).equals(List.of("moof", "mdat"))) {
            broken.add(name + ": not one moof and one mdat after the styp: " + types);
            return lastSequence;
        }
        BoxNode moofNode = nodes.get(i);
        BoxNode mdatNode = nodes.get(i + 1);
        if (sidx != null) {
            long fragment = moofNode.header().size() + mdatNode.header().size();
            if (sidx.references().size() != 1 || sidx.references().get(0).referencedSize() != fragment) {
                broken.add(name + ": sidx does not reference the fragment's " + fragment + " bytes");
            }
        }
        MovieFragmentBox moof = (MovieFragmentBox) moofNode.box();
        long sequence = moof.first(MovieFragmentHeaderBox.class).map(MovieFragmentHeaderBox::sequenceNumber)
                .orElse(-1L);
        if (sequence <= lastSequence) {
            broken.add(name + ": mfhd sequence " + sequence + " does not increase");
        }
        Map<Long, Long> firstDts = new HashMap<>();
        for (TrackFragmentBox traf : moof.all(TrackFragmentBox.class)) {
            TrackFragmentHeaderBox tfhd = traf.first(TrackFragmentHeaderBox.class).orElseThrow();
            if (!tfhd.has(TrackFragmentHeaderBox.DEFAULT_BASE_IS_MOOF)) {
                broken.add(name + ": traf " + tfhd.trackId() + " without default-base-is-moof");
            }
            if (tfhd.has(TrackFragmentHeaderBox.BASE_DATA_OFFSET_PRESENT)) {
                broken.add(name + ": traf " + tfhd.trackId() + " with a base data offset");
            }
            var tfdt = traf.first(TrackFragmentDecodeTimeBox.class);
            if (tfdt.isEmpty()) {
                broken.add(name + ": traf " + tfhd.trackId() + " without tfdt");
            } else {
                firstDts.put(tfhd.trackId(), tfdt.get().baseMediaDecodeTime());
            }
            List<TrackRunBox> runs = traf.all(TrackRunBox.class);
            if (runs.size() != 1 || !runs.get(0).has(TrackRunBox.DATA_OFFSET_PRESENT)) {
                broken.add(name + ": traf " + tfhd.trackId() + " without exactly one trun with a data offset");
            }
        }
        SampleIndex index = SampleIndex.of(Segments.combine(head, media, "init"));
        for (TrackSamples t : index.tracks()) {
            if (t.sampleCount() == 0) {
                continue;
            }
            boolean video = t.handlerType().equals(VIDE);
            if (video && !t.isSync(0)) {
                broken.add(name + ": track " + t.trackId() + " does not start with a sync sample");
            }
            if (!video && t.syncCount() != t.sampleCount()) {
                broken.add(name + ": track " + t.trackId() + " has samples that are not sync samples");
            }
            Long expected = nextDts.get(t.trackId());
            Long got = firstDts.get(t.trackId());
            if (expected != null && got != null && !expected.equals(got)) {
                broken.add(name + ": track " + t.trackId() + " tfdt " + got + " does not continue at " + expected);
            }
            nextDts.put(t.trackId(), t.dts(0) + t.totalDuration());
        }
        return sequence;
    }

    private static List<FourCC> brands(FileTypeBox f) {
        List<FourCC> all = new ArrayList<>(f.compatibleBrands());
        all.add(f.majorBrand());
        return all;
    }
}

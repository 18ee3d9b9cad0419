package dev.bmff.recover;

import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.io.Segments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A structural check of an MP4/MOV file a user can trust before relying on it:
 * <ul>
 * <li>a strict read: box sizes, nesting, every box's fields;</li>
 * <li>the sample tables consistent with each other (a strict {@link SampleIndex}: stts, ctts, stsc, stsz,
 *     stco agree; fragments' runs agree with their headers);</li>
 * <li>every sample inside the payload of an {@code mdat} (and so inside the file);</li>
 * <li>every sample duration positive, but for what real devices write and every player accepts;</li>
 * <li>a video track has sync samples and starts with one (or its edit list starts after the pictures that
 *     cannot be decoded);</li>
 * <li>each sample entry's codec configuration (avcC, hvcC, esds, PCM) parses.</li>
 * </ul>
 * Each problem names the byte offset of the box or sample concerned. A malformed box stops the check there
 * (nothing after it can be trusted); the other checks report every problem they find.
 *
 * <p>What cameras and phones write and players play is a warning, not a problem: samples of duration 0 in a
 * timed-metadata or timecode track (GoPro's {@code fdsc}), a track's last sample of duration 0 (Android's
 * MediaMuxer), leading pictures an edit list does not show, bytes after the last box that are not a box (a
 * vendor's trailer), and a media segment checked without its init segment (only its boxes can be).
 *
 * <pre>{@code
 * VerifyReport r = Verifier.verify(Path.of("movie.mp4"));
 * if (!r.isSound()) r.problems().forEach(System.err::println);
 * }</pre>
 */
public final class Verifier {
    /** At most this many problems of one kind in one track are listed, then one line says how many more. */
    static final int MAX_PER_KIND = 5;

    private Verifier() {
    }

    /**
     * Checks {@code file}.
     *
     * @throws IOException only when the file cannot be opened or read; a malformed file gives a report
     */
    public static VerifyReport verify(Path file) throws IOException {
        List<VerifyReport.Problem> problems = new ArrayList<>();
        List<VerifyReport.Problem> warnings = new ArrayList<>();
        ReadResult read;
        try {
            read = BoxReader.read(file, ReadOptions.strict());
        } catch (BmffFormatException e) {
            read = withTrailer(file, e, warnings);
            if (read == null) {
                problems.add(new VerifyReport.Problem(e.offset(), e.boxPath(), e.detail()));
                return new VerifyReport(java.nio.file.Files.size(file), List.of(), problems);
            }
        }
        if (Segments.isMediaSegment(read)) {
            warnings.add(new VerifyReport.Problem(0, "", "a media segment without its init segment: only its boxes"
                    + " were checked (give the init segment to check its samples: bmff verify --init INIT FILE)"));
            return new VerifyReport(read.fileSize(), List.of(), problems, warnings);
        }
        return check(read, problems, warnings);
    }

    /**
     * Checks the media segment {@code segment} (CMAF, DASH, HLS fMP4) with the tracks its init segment declares.
     *
     * @throws IOException only when a file cannot be opened or read; a malformed one gives a report
     */
    public static VerifyReport verify(Path init, Path segment) throws IOException {
        List<VerifyReport.Problem> problems = new ArrayList<>();
        ReadResult read;
        try {
            read = Segments.read(init, segment, ReadOptions.strict());
        } catch (BmffFormatException e) {
            problems.add(new VerifyReport.Problem(e.offset(), e.boxPath(), e.detail()));
            return new VerifyReport(java.nio.file.Files.size(segment), List.of(), problems);
        }
        return check(read, problems, new ArrayList<>());
    }

    /**
     * A file that fails the strict read only because bytes after its last box are not a box (Insta360 cameras, for
     * one, append such a trailer): read leniently, with a warning. Null when the failure is anything else.
     */
    private static ReadResult withTrailer(Path file, BmffFormatException strict, List<VerifyReport.Problem> warnings)
            throws IOException {
        if (!strict.boxPath().isEmpty()) {
            return null;
        }
        ReadResult lenient = BoxReader.read(file, ReadOptions.lenient());
        if (lenient.problems().size() != 1 || lenient.nodes().isEmpty()) {
            return null;
        }
        ReadProblem p = lenient.problems().get(0);
        BoxNode last = lenient.nodes().get(lenient.nodes().size() - 1);
        boolean afterLastBox = p.boxPath().isEmpty() && p.offset() == last.header().end()
                && (p.message().contains("not read") || p.message().contains("too short to be a box"));
        if (!afterLastBox) {
            return null;
        }
        long length = lenient.fileSize() - p.offset();
        warnings.add(new VerifyReport.Problem(p.offset(), "", length + " bytes after the last box are not a box (a"
                + " camera's trailer?); players ignore them: " + strict.detail()));
        return lenient;
    }

    private static VerifyReport check(ReadResult read, List<VerifyReport.Problem> problems,
            List<VerifyReport.Problem> warnings) {
        long fileSize = read.fileSize();
        BoxNode moovNode = null;
        TreeMap<Long, Long> mdats = new TreeMap<>(); // payload start -> end
        for (BoxNode n : read.nodes()) {
            if (n.box() instanceof MovieBox && moovNode == null) {
                moovNode = n;
            } else if (n.box() instanceof MediaDataBox) {
                mdats.put(n.header().payloadOffset(), n.header().end());
            }
        }
        if (moovNode == null) {
            problems.add(new VerifyReport.Problem(0, "", "the file has no moov box (no index: nothing can play it;"
                    + " bmff repair with a reference rebuilds one)"));
            return new VerifyReport(fileSize, List.of(), problems, warnings);
        }
        SampleIndex index;
        try {
            index = SampleIndex.of(read);
        } catch (BmffFormatException e) {
            problems.add(new VerifyReport.Problem(e.offset(), e.boxPath(), e.detail()));
            return new VerifyReport(fileSize, List.of(), problems, warnings);
        }
        List<VerifyReport.Track> tracks = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            BoxNode trak = moovNode.find(t.trackBox()).orElse(null);
            tracks.add(checkTrack(t, trak, mdats, fileSize, problems, warnings));
        }
        if (index.tracks().isEmpty()) {
            problems.add(new VerifyReport.Problem(moovNode.header().offset(), moovNode.path(), "the moov has no track"));
        }
        return new VerifyReport(fileSize, tracks, problems, warnings);
    }

    private static VerifyReport.Track checkTrack(TrackSamples t, BoxNode trak, TreeMap<Long, Long> mdats,
            long fileSize, List<VerifyReport.Problem> problems, List<VerifyReport.Problem> warnings) {
        String what = "track " + t.trackId();
        BoxNode stsd = descendant(trak, "stsd");
        BoxNode stts = descendant(trak, "stts");
        BoxNode stss = descendant(trak, "stss");
        long trakOffset = trak == null ? 0 : trak.header().offset();
        String trakPath = trak == null ? "" : trak.path();

        // Codec configuration.
        String codec = t.sampleDescriptions().isEmpty() ? "" : t.sampleDescriptions().get(0).type().toString();
        boolean named = false;
        int entryNumber = 0;
        for (Box b : t.sampleDescriptions()) {
            entryNumber++;
            if (!(b instanceof SampleEntry entry)) {
                continue;
            }
            try {
                CodecParameters p = CodecParameters.of(entry);
                if (!named) {
                    codec = p instanceof CodecParameters.Other ? p.codec() : p.describe();
                    named = true;
                }
            } catch (IOException | RuntimeException e) {
                problems.add(at(stsd, trakOffset, trakPath, what + ": sample entry " + entryNumber + " ("
                        + entry.type() + "): its codec configuration does not parse: " + e.getMessage()));
            }
        }
        if (t.sampleDescriptions().isEmpty()) {
            problems.add(at(stsd, trakOffset, trakPath, what + ": no sample description"));
        }

        // Durations of 0: in audio or video, only the last sample may have one (MediaMuxer writes that); timed
        // metadata and timecode samples may share a time (GoPro's fdsc does), which players accept.
        boolean media = t.handlerType().equals(HandlerBox.VIDEO) || t.handlerType().equals(HandlerBox.SOUND);
        int n = t.sampleCount();
        int outside = 0;
        int badDuration = 0;
        int zeroAccepted = 0;
        int badEntry = 0;
        for (int i = 0; i < n; i++) {
            long off = t.offset(i);
            long end = off + t.size(i);
            Map.Entry<Long, Long> mdat = mdats.floorEntry(off);
            boolean inside = mdat != null && end <= mdat.getValue() && (t.size(i) > 0 || off < mdat.getValue());
            if (!inside && outside++ < MAX_PER_KIND) {
                String where = end > fileSize ? "past the end of the file (" + fileSize + " bytes)"
                        : "outside every mdat";
                problems.add(new VerifyReport.Problem(off, trakPath, what + ": sample " + (i + 1) + " (" + t.size(i)
                        + " bytes at offset " + off + ") lies " + where));
            }
            if (t.duration(i) <= 0 && !(i == n - 1 && n == 1)) {
                if (t.duration(i) == 0 && (!media || i == n - 1)) {
                    zeroAccepted++;
                } else if (badDuration++ < MAX_PER_KIND) {
                    problems.add(at(stts, off, trakPath, what + ": sample " + (i + 1) + " has duration "
                            + t.duration(i) + " (durations must be positive)"));
                }
            }
            int sdi = t.sampleDescriptionIndex(i);
            if ((sdi < 1 || sdi > t.sampleDescriptions().size()) && badEntry++ < MAX_PER_KIND) {
                problems.add(new VerifyReport.Problem(off, trakPath, what + ": sample " + (i + 1)
                        + " refers to sample description " + sdi + " of " + t.sampleDescriptions().size()));
            }
        }
        more(problems, outside, trakOffset, trakPath, what + ": samples outside the media data");
        more(problems, badDuration, trakOffset, trakPath, what + ": samples without a positive duration");
        more(problems, badEntry, trakOffset, trakPath, what + ": samples with a missing sample description");
        if (zeroAccepted > 0) {
            boolean lastOnly = zeroAccepted == 1 && t.duration(n - 1) == 0;
            warnings.add(at(stts, trakOffset, trakPath, what + " (" + t.handlerType() + "): " + (lastOnly
                    ? "its last sample has duration 0 (Android's MediaMuxer writes that; players accept it)"
                    : zeroAccepted + " samples have duration 0 (timed metadata samples that share a time, as"
                            + " GoPro cameras write; players accept it)")));
        }

        // Sync samples.
        if (t.handlerType().equals(HandlerBox.VIDEO) && n > 0) {
            if (t.syncCount() == 0) {
                problems.add(at(stss, trakOffset, trakPath, what + ": a video track without any sync sample"
                        + " (nothing to start decoding at)"));
            } else if (!t.isSync(0)) {
                VerifyReport.Problem p = at(stss, t.offset(0), trakPath, what + ": the video track does not start"
                        + " with a sync sample (its first pictures cannot be decoded)");
                if (hiddenByEdit(t)) {
                    warnings.add(new VerifyReport.Problem(p.offset(), p.path(), what + ": the video track does not"
                            + " start with a sync sample, but its edit list starts presentation after the pictures"
                            + " before the first one (they are decoded, not shown)"));
                } else {
                    problems.add(p);
                }
            }
        }
        double seconds = t.timescale() > 0 ? (double) t.totalDuration() / t.timescale() : 0;
        return new VerifyReport.Track(t.trackId(), t.handlerType().toString(), codec, n, t.syncCount(), seconds);
    }

    /**
     * True when the track's edit list starts presentation at or after the composition time of its first sync
     * sample, so no picture that depends on what came before the file's first sample is shown.
     */
    private static boolean hiddenByEdit(TrackSamples t) {
        long firstShown = -1;
        for (EditListBox.Entry e : t.editList()) {
            if (e.mediaTime() >= 0) {
                firstShown = e.mediaTime();
                break;
            }
        }
        if (firstShown < 0) {
            return false;
        }
        for (int i = 0; i < t.sampleCount(); i++) {
            if (t.isSync(i)) {
                return firstShown >= t.cts(i);
            }
        }
        return false;
    }

    private static void more(List<VerifyReport.Problem> problems, int count, long offset, String path,
            String what) {
        if (count > MAX_PER_KIND) {
            problems.add(new VerifyReport.Problem(offset, path, (count - MAX_PER_KIND) + " more " + what));
        }
    }

    private static VerifyReport.Problem at(BoxNode node, long fallbackOffset, String fallbackPath, String message) {
        return node == null ? new VerifyReport.Problem(fallbackOffset, fallbackPath, message)
                : new VerifyReport.Problem(node.header().offset(), node.path(), message);
    }

    private static BoxNode descendant(BoxNode root, String type) {
        return root == null ? null : root.first(FourCC.of(type)).orElse(null);
    }
}

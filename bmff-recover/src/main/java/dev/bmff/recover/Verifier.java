package dev.bmff.recover;

import dev.bmff.codecs.entry.CodecParameters;
import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
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
 * <li>every sample duration positive;</li>
 * <li>a video track has sync samples and starts with one;</li>
 * <li>each sample entry's codec configuration (avcC, hvcC, esds, PCM) parses.</li>
 * </ul>
 * Each problem names the byte offset of the box or sample concerned. A malformed box stops the check there
 * (nothing after it can be trusted); the other checks report every problem they find.
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
        ReadResult read;
        try {
            read = BoxReader.read(file, ReadOptions.strict());
        } catch (BmffFormatException e) {
            problems.add(new VerifyReport.Problem(e.offset(), e.boxPath(), e.detail()));
            return new VerifyReport(java.nio.file.Files.size(file), List.of(), problems);
        }
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
            return new VerifyReport(fileSize, List.of(), problems);
        }
        SampleIndex index;
        try {
            index = SampleIndex.of(read);
        } catch (BmffFormatException e) {
            problems.add(new VerifyReport.Problem(e.offset(), e.boxPath(), e.detail()));
            return new VerifyReport(fileSize, List.of(), problems);
        }
        List<VerifyReport.Track> tracks = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            BoxNode trak = find(moovNode, t.trackBox());
            tracks.add(checkTrack(t, trak, mdats, fileSize, problems));
        }
        if (index.tracks().isEmpty()) {
            problems.add(new VerifyReport.Problem(moovNode.header().offset(), moovNode.path(), "the moov has no track"));
        }
        return new VerifyReport(fileSize, tracks, problems);
    }

    private static VerifyReport.Track checkTrack(TrackSamples t, BoxNode trak, TreeMap<Long, Long> mdats,
            long fileSize, List<VerifyReport.Problem> problems) {
        String what = "track " + t.trackId();
        BoxNode stsd = descendant(trak, "stsd");
        BoxNode stts = descendant(trak, "stts");
        BoxNode stss = descendant(trak, "stss");
        long trakOffset = trak == null ? 0 : trak.header().offset();
        String trakPath = trak == null ? "" : trak.path();

        // Codec configuration.
        String codec = "";
        int entryNumber = 0;
        for (Box b : t.sampleDescriptions()) {
            entryNumber++;
            if (!(b instanceof SampleEntry entry)) {
                continue;
            }
            try {
                CodecParameters p = CodecParameters.of(entry);
                if (codec.isEmpty()) {
                    codec = p instanceof CodecParameters.Other ? p.codec() : p.describe();
                }
            } catch (IOException | RuntimeException e) {
                if (codec.isEmpty()) {
                    codec = entry.type().toString();
                }
                problems.add(at(stsd, trakOffset, trakPath, what + ": sample entry " + entryNumber + " ("
                        + entry.type() + "): its codec configuration does not parse: " + e.getMessage()));
            }
        }
        if (t.sampleDescriptions().isEmpty()) {
            problems.add(at(stsd, trakOffset, trakPath, what + ": no sample description"));
        }

        int n = t.sampleCount();
        int outside = 0;
        int badDuration = 0;
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
            if (t.duration(i) <= 0 && !(i == n - 1 && n == 1) && badDuration++ < MAX_PER_KIND) {
                problems.add(at(stts, off, trakPath, what + ": sample " + (i + 1) + " has duration "
                        + t.duration(i) + " (durations must be positive)"));
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

        // Sync samples.
        if (t.handlerType().equals(HandlerBox.VIDEO) && n > 0) {
            if (t.syncCount() == 0) {
                problems.add(at(stss, trakOffset, trakPath, what + ": a video track without any sync sample"
                        + " (nothing to start decoding at)"));
            } else if (!t.isSync(0)) {
                problems.add(at(stss, t.offset(0), trakPath, what + ": the video track does not start with a sync"
                        + " sample (its first pictures cannot be decoded)"));
            }
        }
        double seconds = t.timescale() > 0 ? (double) t.totalDuration() / t.timescale() : 0;
        return new VerifyReport.Track(t.trackId(), t.handlerType().toString(), codec, n, t.syncCount(), seconds);
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

    private static BoxNode find(BoxNode root, Box target) {
        List<BoxNode> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            BoxNode node = todo.remove(todo.size() - 1);
            if (node.box() == target) {
                return node;
            }
            todo.addAll(node.children());
        }
        return null;
    }

    private static BoxNode descendant(BoxNode root, String type) {
        if (root == null) {
            return null;
        }
        FourCC wanted = FourCC.of(type);
        List<BoxNode> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            BoxNode node = todo.remove(0);
            if (node.header().type().equals(wanted)) {
                return node;
            }
            todo.addAll(node.children());
        }
        return null;
    }
}

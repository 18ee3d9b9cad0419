package dev.bmff.recover;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts back into a rebuilt moov everything of the reference's moov that is not the sample index: a camera's
 * recording is more than its samples. Kept from the reference: each track's {@code tkhd} (display matrix, so a
 * portrait phone video stays upright; size, layer, alternate group, volume, flags), {@code tref} (with the track
 * ids of the repaired file), handler ({@code hdlr} with its name), media header language, media information
 * header ({@code vmhd}, {@code smhd}, QuickTime {@code gmhd}), {@code dinf}, the whole {@code stsd} (every box in
 * the sample entries: {@code colr}, {@code pasp}, {@code clli}, {@code dvcC}...; metadata entries as written),
 * track and movie {@code udta}/{@code meta} and any other box. Taken from the rebuilt moov: durations, edit
 * lists, track ids and the sample tables.
 */
final class ReferenceMovieBoxes {
    private static final FourCC TREF = FourCC.of("tref");
    private static final FourCC IODS = FourCC.of("iods");

    private ReferenceMovieBoxes() {
    }

    /**
     * @param built the rebuilt moov, tracks numbered 1, 2, ... in order
     * @param reference the reference's moov
     * @param referenceIds the reference track id of each built track, in order
     * @param warnings where to say what could not be kept
     */
    static MovieBox apply(MovieBox built, MovieBox reference, List<Long> referenceIds, List<String> warnings) {
        List<TrackBox> tracks = built.all(TrackBox.class);
        if (tracks.size() != referenceIds.size()) {
            throw new IllegalArgumentException(tracks.size() + " tracks but " + referenceIds.size() + " ids");
        }
        Map<Long, TrackBox> referenceTracks = new HashMap<>();
        for (TrackBox t : reference.all(TrackBox.class)) {
            t.first(TrackHeaderBox.class).ifPresent(h -> referenceTracks.put(h.trackId(), t));
        }
        Map<Long, Long> newIds = new HashMap<>();
        for (int i = 0; i < tracks.size(); i++) {
            newIds.put(referenceIds.get(i), (long) i + 1);
        }
        List<Box> grafted = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            TrackBox ref = referenceTracks.get(referenceIds.get(i));
            grafted.add(ref == null ? tracks.get(i) : track(tracks.get(i), ref, newIds, warnings));
        }
        MovieHeaderBox mvhd = built.first(MovieHeaderBox.class).orElseThrow();
        List<Box> children = new ArrayList<>();
        children.add(reference.first(MovieHeaderBox.class).map(r -> new MovieHeaderBox(mvhd.version(), r.flags(),
                mvhd.creationTime(), mvhd.modificationTime(), mvhd.timescale(), mvhd.duration(), r.rate(),
                r.volume(), r.reserved(), r.matrix(), r.preDefined(), mvhd.nextTrackId())).orElse(mvhd));
        children.addAll(grafted);
        for (Box b : reference.children()) {
            FourCC type = b.type();
            // The sample index is rebuilt; mvex (fragments) and iods (which names track ids) do not apply.
            if (!(b instanceof MovieHeaderBox) && !(b instanceof TrackBox) && !type.equals(BoxTypes.MVEX)
                    && !type.equals(IODS)) {
                children.add(b);
            }
        }
        return new MovieBox(children);
    }

    private static TrackBox track(TrackBox built, TrackBox ref, Map<Long, Long> newIds, List<String> warnings) {
        TrackHeaderBox header = built.first(TrackHeaderBox.class).orElseThrow();
        Optional<Box> edits = built.first(BoxTypes.EDTS);
        MediaBox mdia = built.first(MediaBox.class).orElseThrow();
        List<Box> out = new ArrayList<>();
        boolean editsPlaced = false;
        for (Box b : ref.children()) {
            if (b instanceof TrackHeaderBox r) {
                int version = header.duration() > 0xFFFF_FFFFL ? 1 : r.version();
                out.add(new TrackHeaderBox(version, r.flags(), header.creationTime(), header.modificationTime(),
                        header.trackId(), header.duration(), r.layer(), r.alternateGroup(), r.volume(), r.matrix(),
                        r.width(), r.height()));
                if (edits.isPresent()) {
                    out.add(edits.get());
                    editsPlaced = true;
                }
            } else if (b instanceof EditBox) {
                continue;
            } else if (b instanceof MediaBox r) {
                out.add(media(mdia, r));
            } else if (b.type().equals(TREF)) {
                trackReferences(b, newIds, header.trackId(), warnings).ifPresent(out::add);
            } else {
                out.add(b);
            }
        }
        if (!editsPlaced && edits.isPresent()) {
            out.add(1, edits.get());
        }
        return new TrackBox(out);
    }

    private static MediaBox media(MediaBox built, MediaBox ref) {
        MediaHeaderBox header = built.first(MediaHeaderBox.class).orElseThrow();
        SampleTableBox tables = built.first(MediaInformationBox.class).orElseThrow().first(SampleTableBox.class)
                .orElseThrow();
        List<Box> out = new ArrayList<>();
        for (Box b : ref.children()) {
            if (b instanceof MediaHeaderBox r) {
                out.add(new MediaHeaderBox(header.version(), r.flags(), header.creationTime(),
                        header.modificationTime(), header.timescale(), header.duration(), r.language(), r.quality()));
            } else if (b instanceof MediaInformationBox r) {
                List<Box> minf = new ArrayList<>();
                for (Box c : r.children()) {
                    minf.add(c instanceof SampleTableBox s ? sampleTables(tables, s) : c);
                }
                out.add(new MediaInformationBox(minf));
            } else {
                out.add(b);
            }
        }
        return new MediaBox(out);
    }

    /** The rebuilt tables with the reference's sample descriptions. */
    private static SampleTableBox sampleTables(SampleTableBox built, SampleTableBox ref) {
        Optional<SampleDescriptionBox> stsd = ref.first(SampleDescriptionBox.class);
        List<Box> out = new ArrayList<>();
        for (Box b : built.children()) {
            out.add(b instanceof SampleDescriptionBox && stsd.isPresent() ? stsd.get() : b);
        }
        return new SampleTableBox(out);
    }

    /**
     * The reference's track references with the repaired file's ids; a reference to a track that was not
     * recovered is dropped (and the box, when nothing is left).
     */
    private static Optional<Box> trackReferences(Box tref, Map<Long, Long> newIds, long trackId,
            List<String> warnings) {
        if (!(tref instanceof RawBox raw) || !(raw.payload() instanceof Bytes bytes)) {
            return Optional.empty();
        }
        byte[] p = bytes.toArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at + 8 <= p.length) {
            long size = u32(p, at);
            if (size < 8 || at + size > p.length) {
                warnings.add("track " + trackId + ": the reference's tref is damaged at byte " + at + "; the rest is"
                        + " left out");
                break;
            }
            List<Long> ids = new ArrayList<>();
            for (int i = at + 8; i + 4 <= at + size; i += 4) {
                Long id = newIds.get(u32(p, i));
                if (id != null) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                writeU32(out, 8 + 4L * ids.size());
                out.write(p, at + 4, 4);
                ids.forEach(id -> writeU32(out, id));
            }
            at += (int) size;
        }
        return out.size() == 0 ? Optional.empty() : Optional.of(RawBox.of(TREF, out.toByteArray()));
    }

    private static long u32(byte[] p, int at) {
        return ((p[at] & 0xFFL) << 24) | ((p[at + 1] & 0xFF) << 16) | ((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF);
    }

    private static void writeU32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }
}

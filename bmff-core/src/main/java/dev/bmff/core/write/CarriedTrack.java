package dev.bmff.core.write;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.EditBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieExtendsBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A track written after one read from another file ({@link TrackSpec#source()}): every box of the source trak is
 * written as it is, in its order, except what the writer owns: the tkhd's track id and duration, the edit list,
 * the mdhd's timescale and duration, and the sample tables. tref's track ids are renumbered to the new ones (a
 * reference to a track that is not written is dropped). So a remux keeps handler names, matrices, QuickTime media
 * headers, udta and boxes this library does not model.
 */
final class CarriedTrack {
    private static final FourCC TREF = FourCC.of("tref");

    private CarriedTrack() {
    }

    /** Source track id to new track id (the spec's index + 1), for the specs that copy a track. */
    static Map<Long, Long> newIds(List<TrackSpec> specs) {
        Map<Long, Long> ids = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            TrackBox source = specs.get(i).source();
            if (source != null) {
                long newId = i + 1L;
                source.first(TrackHeaderBox.class).ifPresent(h -> ids.putIfAbsent(h.trackId(), newId));
            }
        }
        return ids;
    }

    static TrackBox build(long id, TrackSpec spec, long movieDuration, long mediaDuration, EditBox edits,
            SampleTableBox stbl, Map<Long, Long> ids) {
        List<Box> out = new ArrayList<>();
        boolean sourceHasEdits = spec.source().first(EditBox.class).isPresent();
        for (Box b : spec.source().children()) {
            if (b instanceof TrackHeaderBox h) {
                boolean wide = movieDuration > 0xFFFF_FFFFL || h.creationTime() > 0xFFFF_FFFFL
                        || h.modificationTime() > 0xFFFF_FFFFL;
                out.add(new TrackHeaderBox(wide ? 1 : 0, h.flags(), h.creationTime(), h.modificationTime(), id,
                        movieDuration, h.layer(), h.alternateGroup(), h.volume(), h.matrix(), h.width(),
                        h.height()));
                if (!sourceHasEdits && edits != null) {
                    out.add(edits); // where ISO puts it: right after tkhd
                }
            } else if (b instanceof EditBox) {
                if (edits != null) {
                    out.add(edits); // ours, where the source had its own
                }
            } else if (b.type().equals(TREF)) {
                Box tref = renumbered(b, ids);
                if (tref != null) {
                    out.add(tref);
                }
            } else if (b instanceof MediaBox m) {
                out.add(media(m, spec, mediaDuration, stbl));
            } else {
                out.add(b);
            }
        }
        return new TrackBox(out);
    }

    private static MediaBox media(MediaBox source, TrackSpec spec, long mediaDuration, SampleTableBox stbl) {
        List<Box> out = new ArrayList<>();
        for (Box b : source.children()) {
            if (b instanceof MediaHeaderBox h) {
                String code = h.languageCode();
                int language = spec.language().equals(code == null ? "und" : code) || code == null
                        && spec.language().equals("und") ? h.language()
                        : MediaHeaderBox.of(1, 0, spec.language()).language();
                boolean wide = mediaDuration > 0xFFFF_FFFFL || h.creationTime() > 0xFFFF_FFFFL
                        || h.modificationTime() > 0xFFFF_FFFFL;
                out.add(new MediaHeaderBox(wide ? 1 : 0, h.flags(), h.creationTime(), h.modificationTime(),
                        spec.timescale(), mediaDuration, language, h.quality()));
            } else if (b instanceof MediaInformationBox minf) {
                List<Box> children = new ArrayList<>();
                boolean placed = false;
                for (Box c : minf.children()) {
                    if (c instanceof SampleTableBox) {
                        children.add(stbl);
                        placed = true;
                    } else {
                        children.add(c);
                    }
                }
                if (!placed) {
                    children.add(stbl);
                }
                out.add(new MediaInformationBox(children));
            } else {
                out.add(b);
            }
        }
        return new MediaBox(out);
    }

    /**
     * tref with every track id renumbered; ids of tracks not written are dropped, and so is a reference type left
     * without ids. Null when nothing is left. A tref whose payload is not a list of reference boxes is kept as is.
     */
    static Box renumbered(Box tref, Map<Long, Long> ids) {
        if (!(tref instanceof RawBox raw) || !(raw.payload() instanceof Bytes bytes)) {
            return tref;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes.toArray());
        ByteBuffer out = ByteBuffer.allocate(in.remaining());
        while (in.remaining() >= 8) {
            int size = in.getInt();
            int type = in.getInt();
            if (size < 8 || size > in.remaining() + 8 || (size - 8) % 4 != 0) {
                return tref;
            }
            List<Long> kept = new ArrayList<>();
            for (int k = 0; k < (size - 8) / 4; k++) {
                Long id = ids.get(Integer.toUnsignedLong(in.getInt()));
                if (id != null) {
                    kept.add(id);
                }
            }
            if (!kept.isEmpty()) {
                out.putInt(8 + 4 * kept.size()).putInt(type);
                kept.forEach(id -> out.putInt((int) (long) id));
            }
        }
        if (in.hasRemaining()) {
            return tref;
        }
        if (out.position() == 0) {
            return null;
        }
        byte[] payload = new byte[out.position()];
        out.flip().get(payload);
        return RawBox.of(TREF, payload);
    }

    /** mvhd with our timescale, duration and next track id, and the rest from the copied file's mvhd if any. */
    static MovieHeaderBox movieHeader(List<Box> movieBoxes, long timescale, long duration, long nextTrackId) {
        for (Box b : movieBoxes) {
            if (b instanceof MovieHeaderBox h) {
                boolean wide = duration > 0xFFFF_FFFFL || h.creationTime() > 0xFFFF_FFFFL
                        || h.modificationTime() > 0xFFFF_FFFFL;
                return new MovieHeaderBox(wide ? 1 : 0, h.flags(), h.creationTime(), h.modificationTime(), timescale,
                        duration, h.rate(), h.volume(), h.reserved(), h.matrix(), h.preDefined(), nextTrackId);
            }
        }
        return MovieHeaderBox.of(timescale, duration, nextTrackId);
    }

    /** The copied file's movie-level boxes to write after the tracks: all but mvhd, trak and mvex. */
    static List<Box> movieExtras(List<Box> movieBoxes) {
        List<Box> out = new ArrayList<>();
        for (Box b : movieBoxes) {
            if (!(b instanceof MovieHeaderBox || b instanceof TrackBox || b instanceof MovieExtendsBox)) {
                out.add(b);
            }
        }
        return out;
    }
}

package dev.bmff.core.index;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.EditBox;
import dev.bmff.core.box.EditListBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieExtendsBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackExtendsBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One view of every track's samples (offset, size, decode and composition time, duration, sync flag,
 * sample description), from the moov's sample tables, from movie fragments, or from both in one file.
 *
 * <pre>{@code
 * ReadResult file = BoxReader.read(path, ReadOptions.strict());
 * SampleIndex index = SampleIndex.of(file);
 * TrackSamples video = index.tracks().get(0);
 * IndexedSample first = video.sample(0);
 * }</pre>
 */
public final class SampleIndex {
    private final List<TrackSamples> tracks;
    private final List<ReadProblem> problems;

    private SampleIndex(List<TrackSamples> tracks, List<ReadProblem> problems) {
        this.tracks = List.copyOf(tracks);
        this.problems = List.copyOf(problems);
    }

    /** Builds the index; inconsistent tables or samples outside the file throw. */
    public static SampleIndex of(ReadResult file) throws BmffFormatException {
        return of(file, ReadOptions.Mode.STRICT);
    }

    /**
     * Builds the index. In {@link ReadOptions.Mode#LENIENT} mode, inconsistent tables are cut to the
     * samples that are consistent and lie inside the file, and each cut is listed in {@link #problems()}.
     */
    public static SampleIndex of(ReadResult file, ReadOptions.Mode mode) throws BmffFormatException {
        List<ReadProblem> problems = new ArrayList<>();
        IndexProblems report = new IndexProblems(mode == ReadOptions.Mode.LENIENT, problems);
        BoxNode moovNode = null;
        for (BoxNode n : file.nodes()) {
            if (n.box() instanceof MovieBox) {
                moovNode = n;
                break;
            }
        }
        if (moovNode == null) {
            report.report(0, "", "the file has no moov box", "no tracks indexed");
            return new SampleIndex(List.of(), problems);
        }
        MovieBox moov = (MovieBox) moovNode.box();
        long movieTimescale = moov.first(MovieHeaderBox.class).map(MovieHeaderBox::timescale).orElse(0L);
        Map<Long, TrackExtendsBox> trexes = new LinkedHashMap<>();
        moov.first(MovieExtendsBox.class).ifPresent(mvex -> mvex.all(TrackExtendsBox.class)
                .forEach(t -> trexes.put(t.trackId(), t)));

        record Pending(TrackBox trak, long id, FourCC handler, long timescale, List<Box> entries,
                List<EditListBox.Entry> edits, SampleColumns columns) {
        }
        List<Pending> pending = new ArrayList<>();
        Map<Long, FragmentSamples.TrackState> states = new LinkedHashMap<>();
        for (BoxNode trakNode : moovNode.children()) {
            if (!(trakNode.box() instanceof TrackBox trak)) {
                continue;
            }
            Optional<TrackHeaderBox> tkhd = trak.first(TrackHeaderBox.class);
            Optional<MediaBox> mdia = trak.first(MediaBox.class);
            if (tkhd.isEmpty() || mdia.isEmpty()) {
                report.report(trakNode.header().offset(), trakNode.path(), "track without tkhd or mdia",
                        "skipped it");
                continue;
            }
            long id = tkhd.get().trackId();
            FourCC handler = mdia.get().first(HandlerBox.class).map(HandlerBox::handlerType).orElse(new FourCC(0));
            long timescale = mdia.get().first(MediaHeaderBox.class).map(MediaHeaderBox::timescale).orElse(0L);
            Optional<SampleTableBox> stbl = mdia.get().first(MediaInformationBox.class)
                    .flatMap(m -> m.first(SampleTableBox.class));
            List<Box> entries = stbl.flatMap(s -> s.first(SampleDescriptionBox.class))
                    .map(SampleDescriptionBox::children).orElse(List.of());
            List<EditListBox.Entry> edits = trak.first(EditBox.class).flatMap(e -> e.first(EditListBox.class))
                    .map(EditListBox::entries).orElse(List.of());
            SampleColumns columns = new SampleColumns();
            if (stbl.isPresent()) {
                TableSamples.expand(stbl.get(), trakNode.find(stbl.get()).orElse(null), file.fileSize(), columns, report);
            }
            pending.add(new Pending(trak, id, handler, timescale, entries, edits, columns));
            TrackExtendsBox trex = trexes.get(id);
            if (trex != null) {
                states.put(id, new FragmentSamples.TrackState(columns, trex));
            }
        }
        for (BoxNode n : file.nodes()) {
            if (n.box() instanceof MovieFragmentBox) {
                if (states.isEmpty()) {
                    report.report(n.header().offset(), n.path(), "movie fragment in a file whose moov has no mvex",
                            "ignored the fragments");
                    break;
                }
                FragmentSamples.expand(n, file.fileSize(), states, report);
            }
        }
        List<TrackSamples> tracks = new ArrayList<>();
        for (Pending p : pending) {
            tracks.add(new TrackSamples(p.trak(), p.id(), p.handler(), p.timescale(), movieTimescale, p.entries(),
                    p.edits(), p.columns()));
        }
        return new SampleIndex(tracks, problems);
    }

    /** The tracks in moov order. */
    public List<TrackSamples> tracks() {
        return tracks;
    }

    /** The track with {@code trackId}. */
    public Optional<TrackSamples> track(long trackId) {
        return tracks.stream().filter(t -> t.trackId() == trackId).findFirst();
    }

    /** What a lenient build cut, with offsets. */
    public List<ReadProblem> problems() {
        return problems;
    }
}

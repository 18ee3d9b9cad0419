package dev.bmff.recover.indexed;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MetadataSampleEntry;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.SampleEntry;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import dev.bmff.core.write.FastStartLayout;
import dev.bmff.core.write.MovieBuilder;
import dev.bmff.core.write.TrackSpec;
import dev.bmff.recover.BrokenFile;
import dev.bmff.recover.ProgressListener;
import dev.bmff.recover.RepairException;
import dev.bmff.recover.RepairKind;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import dev.bmff.recover.SkippedRange;
import dev.bmff.recover.TrackReport;
import dev.bmff.recover.output.OutputFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Repairs a broken file that still has an index to start from, no reference needed: a standard file whose media
 * data was cut (the lenient sample index keeps exactly the samples fully present), or a fragmented or hybrid file
 * cut anywhere (every complete fragment is kept; of a torn last fragment whose moof is whole, each track keeps the
 * samples whose bytes are all present, in decode order up to the first that is not). The kept samples get new
 * tables and a standard moov; the media bytes from the first kept sample to the end of the last are copied by the
 * channel. A fragmented file's moof boxes lie inside that range and stay in the new mdat as unused bytes, which
 * keeps every sample's offset a single shift away from the original's.
 */
public final class IndexedRepair {
    private static final FourCC QUICKTIME = FourCC.of("qt  ");

    private final ReadResult file;
    private final FileSurvey survey;
    private final SampleIndex index;
    private final long limit;
    /** The last fragment when the cut tore its mdat (its moof whole), or null. */
    private final TornFragment torn;

    private IndexedRepair(ReadResult file, FileSurvey survey, SampleIndex index) {
        this.file = file;
        this.survey = survey;
        this.index = index;
        this.limit = survey.fragmented() ? survey.presentEnd() : file.fileSize();
        List<Integer> kept = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            kept.add(IndexedTrack.kept(t, limit));
        }
        this.torn = survey.tornMoof() == null ? null
                : TornFragment.of(survey.tornMoof(), file.fileSize(), index, kept);
    }

    /**
     * Repairs {@code broken} into {@code out} (or, in place when allowed, finishes an interrupted hybrid finalize in
     * the file itself): a standard file, or with {@link RepairOptions.Layout#FRAGMENTED} the fragmented prefix.
     */
    public RepairReport repair(BrokenFile broken, Path out, RepairOptions options) throws IOException {
        if (options.inPlace() && survey.finalizeNeedsOnlyHeaders(broken.size()) && HybridFinish.matches(file,
                this)) {
            return HybridFinish.finish(broken.path(), this);
        }
        // Here the long part is the copy of the media data: the progress counts its bytes.
        return survey.fragmented() && options.layout() == RepairOptions.Layout.FRAGMENTED
                ? writeFragmentedPrefix(broken.channel(), out, options.progress())
                : writeStandard(broken.channel(), out, options.progress(), options.faststart());
    }

    /** The repair for {@code file}, or null when it has no moov (a reference is needed). */
    public static IndexedRepair of(ReadResult file) throws IOException {
        FileSurvey survey = FileSurvey.of(file);
        if (survey.kind() == null) {
            return null;
        }
        // Only the first moov and the fragments: a moov a hybrid finalize appended is not the index to read.
        List<dev.bmff.core.io.BoxNode> nodes = new ArrayList<>(file.nodes());
        if (survey.appendedMoov() != null) {
            nodes.remove(survey.appendedMoov());
        }
        ReadResult view = new ReadResult(file.fileSize(), nodes, file.problems());
        return new IndexedRepair(file, survey, SampleIndex.of(view, ReadOptions.Mode.LENIENT));
    }

    /** Which case the file is (a cut standard file, a fragmented or hybrid one...). */
    public RepairKind kind() {
        return survey.kind();
    }

    FileSurvey survey() {
        return survey;
    }

    SampleIndex index() {
        return index;
    }

    /** Samples the repair keeps, over all tracks it can write. */
    public long keptSamples() {
        long n = 0;
        for (TrackSamples t : index.tracks()) {
            if (entry(t) != null) {
                n += IndexedTrack.kept(t, limit);
            }
        }
        return n;
    }

    /** A standard MP4 with the kept samples in {@code out}; with {@code faststart} its moov before the mdat. */
    RepairReport writeStandard(FileChannel in, Path out, ProgressListener progress, boolean faststart)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        for (ReadProblem p : index.problems()) {
            warnings.add("index cut at " + p.offset() + ": " + p.message());
        }
        long first = Long.MAX_VALUE;
        long end = 0;
        double earliestStart = Double.MAX_VALUE;
        List<TrackSamples> tracks = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            SampleEntry entry = entry(t);
            int n = IndexedTrack.kept(t, limit);
            if (entry == null || n == 0) {
                warnings.add("track " + t.trackId() + " (" + t.handlerType() + "): " + (entry == null
                        ? "no sample entry that can be copied, the track is left out" : "no complete sample, left out"));
                continue;
            }
            if (t.sampleDescriptions().size() > 1) {
                warnings.add("track " + t.trackId() + " has " + t.sampleDescriptions().size()
                        + " sample descriptions: only the first is written");
            }
            tracks.add(t);
            counts.add(n);
            for (int i = 0; i < n; i++) {
                first = Math.min(first, t.offset(i));
                end = Math.max(end, t.offset(i) + t.size(i));
            }
            earliestStart = Math.min(earliestStart, t.dts(0) / (double) t.timescale());
        }
        if (tracks.isEmpty()) {
            throw new RepairException("no complete sample in any audio or video track: nothing to recover");
        }
        List<Box> head = List.of(fileType());
        long mediaLength = end - first;
        long dataStart = head.stream().mapToLong(BoxWriter::sizeOf).sum() + OutputFile.mdatHeaderSize(mediaLength);
        List<TrackSpec> specs = new ArrayList<>();
        List<MovieBuilder.TrackMedia> media = new ArrayList<>();
        List<TrackReport> reports = new ArrayList<>();
        for (int k = 0; k < tracks.size(); k++) {
            TrackSamples t = tracks.get(k);
            long startShift = Math.round((t.dts(0) / (double) t.timescale() - earliestStart) * t.timescale());
            IndexedTrack.Built b = IndexedTrack.build(t, entry(t), counts.get(k), dataStart - first, startShift);
            specs.add(b.spec());
            media.add(b.media());
            reports.add(new TrackReport(k + 1, t.trackId(), entry(t).type().toString(), counts.get(k),
                    b.keyframes(), b.bytes(), b.media().tables().totalDuration() / (double) t.timescale()));
        }
        List<Box> movieBoxes = survey.moov() != null && survey.moov().box() instanceof MovieBox m ? m.children()
                : List.of();
        if (faststart) {
            FastStartLayout.Placed placed = FastStartLayout.place(specs, media, movieBoxes);
            OutputFile.writeFastStart(out, head, placed.moov(), in, first, mediaLength, progress);
        } else {
            OutputFile.write(out, head, in, first, mediaLength, MovieBuilder.standard(specs, media, movieBoxes),
                    progress);
        }
        tornNote(warnings);
        return new RepairReport(survey.kind(), first, mediaLength, reports, dropped(end), warnings);
    }

    /**
     * The fragmented file cut after its last complete fragment; when a torn fragment keeps samples, a fragment of
     * exactly those follows (a new moof, their bytes in a new mdat).
     */
    RepairReport writeFragmentedPrefix(FileChannel in, Path out, ProgressListener progress) throws IOException {
        List<String> warnings = new ArrayList<>();
        warnings.add("fragmented layout: the file up to its last complete fragment, moof boxes kept");
        if (torn != null && torn.keptSamples() > 0) {
            OutputFile.copyPrefixAndAppend(out, in, survey.completeEnd(), torn.header(), torn.keptRanges(),
                    progress);
            warnings.add("the torn fragment's kept samples follow as a rebuilt fragment (its moof anew: sync flags"
                    + " only, no sample groups or auxiliary information)");
        } else {
            OutputFile.copyPrefix(out, in, survey.completeEnd(), progress);
        }
        tornNote(warnings);
        List<TrackReport> reports = new ArrayList<>();
        for (TrackSamples t : index.tracks()) {
            int n = IndexedTrack.kept(t, limit);
            long bytes = 0;
            long keyframes = 0;
            for (int i = 0; i < n; i++) {
                bytes += t.size(i);
                keyframes += t.isSync(i) ? 1 : 0;
            }
            long duration = n == 0 ? 0 : t.dts(n - 1) + t.duration(n - 1) - t.dts(0);
            reports.add(new TrackReport(t.trackId(), t.trackId(), t.sampleDescriptions().isEmpty() ? "?"
                    : t.sampleDescriptions().get(0).type().toString(), n, keyframes, bytes,
                    duration / (double) t.timescale()));
        }
        long start = survey.moov().header().end();
        return new RepairReport(survey.kind(), start, survey.completeEnd() - start, reports, dropped(0), warnings);
    }

    private void tornNote(List<String> warnings) {
        if (torn != null && torn.keptSamples() > 0) {
            warnings.add("last fragment (moof at " + survey.tornMoof().header().offset() + ") cut short: kept the "
                    + torn.keptSamples() + " of its samples whose bytes are all present");
        }
    }

    private List<SkippedRange> dropped(long keptEnd) {
        if (survey.fragmented()) {
            if (torn == null) {
                return survey.dropped();
            }
            List<SkippedRange> all = new ArrayList<>(survey.dropped());
            all.addAll(torn.dropped(survey.completeEnd()));
            return all;
        }
        if (index.problems().isEmpty()) {
            return List.of();
        }
        // Samples of a cut standard file: whatever follows the last kept sample to the end of the file is lost.
        return keptEnd < file.fileSize()
                ? List.of(new SkippedRange(keptEnd, file.fileSize() - keptEnd,
                        "media data cut short: samples not fully present dropped"))
                : List.of();
    }

    /** The original's ftyp for a standard (or QuickTime) file; standard brands for a fragmented one. */
    private Box fileType() {
        FileTypeBox original = survey.ftyp();
        if (original != null && (!survey.fragmented() || original.majorBrand().equals(QUICKTIME))) {
            return original;
        }
        return new FileTypeBox(FourCC.of("ftyp"), FourCC.of("isom"), 512,
                List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("mp41"), FourCC.of("mp42")));
    }

    /** The track's first sample entry; one the reader kept raw (tmcd, gpmd, mebx, mett...) is carried as it is. */
    private static SampleEntry entry(TrackSamples t) {
        return t.sampleDescriptions().isEmpty() ? null
                : MetadataSampleEntry.carrying(t.sampleDescriptions().get(0)).orElse(null);
    }
}

package dev.bmff.recover.indexed;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.index.TrackSamples;
import dev.bmff.core.io.BoxWriter;
import dev.bmff.core.io.MdatHeader;
import dev.bmff.core.io.PositionalReads;
import dev.bmff.core.io.PositionalWrites;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.recover.RepairKind;
import dev.bmff.recover.RepairReport;
import dev.bmff.recover.TrackReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The cheap path for a hybrid file whose finalize wrote the whole standard moov but not the headers: do the last
 * two writes of the finalize in place (ftyp with standard brands, the placeholder as the mdat header spanning up to
 * the moov), exactly as the writer would have. No media byte moves; the bytes overwritten go to the report.
 */
final class HybridFinish {
    private HybridFinish() {
    }

    /**
     * True when the appended moov indexes exactly the samples of the complete fragments, so finishing it is as
     * good as rebuilding.
     */
    static boolean matches(ReadResult file, IndexedRepair repair) throws IOException {
        ReadResult onlyAppended = new ReadResult(file.fileSize(), List.of(repair.survey().appendedMoov()), List.of());
        SampleIndex appended = SampleIndex.of(onlyAppended, ReadOptions.Mode.LENIENT);
        if (!appended.problems().isEmpty() || appended.tracks().size() != repair.index().tracks().size()) {
            return false;
        }
        for (int k = 0; k < appended.tracks().size(); k++) {
            TrackSamples a = appended.tracks().get(k);
            TrackSamples f = repair.index().tracks().get(k);
            int n = IndexedTrack.kept(f, repair.survey().completeEnd());
            if (a.sampleCount() != n || (n > 0 && (a.offset(n - 1) != f.offset(n - 1) || a.offset(0) != f.offset(0)))) {
                return false;
            }
        }
        return true;
    }

    static RepairReport finish(Path broken, IndexedRepair repair) throws IOException {
        FileSurvey s = repair.survey();
        long moovOffset = s.appendedMoov().header().offset();
        long placeholder = s.placeholderOffset();
        long size = moovOffset - placeholder;
        ByteBuffer header = MdatHeader.forBoxSize(size);
        List<String> notes = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] standardFtyp = BoxWriter.toBytes(new FileTypeBox(FourCC.of("ftyp"), FourCC.of("isom"), 512,
                    List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("mp41"), FourCC.of("mp42"))));
            // Same order as the writer: brands first, then the header that makes the moov the file's index.
            if (s.ftyp() != null && placeholder == standardFtyp.length
                    && !s.ftyp().majorBrand().equals(FourCC.of("isom"))) {
                notes.add("overwrote ftyp at 0: was " + hex(ch, 0, standardFtyp.length));
                PositionalWrites.writeFully(ch, 0, ByteBuffer.wrap(standardFtyp));
            }
            notes.add("overwrote " + header.remaining() + " bytes at " + placeholder + ": were "
                    + hex(ch, placeholder, header.remaining()));
            PositionalWrites.writeFully(ch, placeholder, header);
            ch.force(false);
        }
        List<TrackReport> reports = new ArrayList<>();
        for (TrackSamples t : repair.index().tracks()) {
            int n = IndexedTrack.kept(t, s.completeEnd());
            long bytes = 0;
            long keys = 0;
            for (int i = 0; i < n; i++) {
                bytes += t.size(i);
                keys += t.isSync(i) ? 1 : 0;
            }
            reports.add(new TrackReport(t.trackId(), t.trackId(), t.sampleDescriptions().get(0).type().toString(), n,
                    keys, bytes, n == 0 ? 0 : (t.dts(n - 1) + t.duration(n - 1) - t.dts(0)) / (double) t.timescale()));
        }
        notes.add("finished in place: " + broken + " is now a standard MP4; the output path was not written");
        return new RepairReport(RepairKind.HYBRID_FINALIZE_FINISHED_IN_PLACE, placeholder, size, reports, List.of(),
                notes);
    }

    private static String hex(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        return HexFormat.of().formatHex(b.array(), 0, PositionalReads.readUpTo(ch, at, b));
    }
}

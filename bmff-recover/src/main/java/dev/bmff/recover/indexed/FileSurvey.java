package dev.bmff.recover.indexed;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieExtendsBox;
import dev.bmff.core.box.MovieFragmentBox;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.ReadResult;
import dev.bmff.recover.RepairKind;
import dev.bmff.recover.SkippedRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a broken file holds, from its top-level boxes only: a standard moov, a fragmented one (and up to where its
 * fragments are complete), the hybrid writer's placeholder, and a second moov a hybrid finalize appended.
 *
 * @param kind the state found; {@code null} when there is no moov (only a reference can help)
 * @param ftyp the ftyp, or null
 * @param moov the first moov's node, or null
 * @param completeEnd fragmented: the end of the last complete fragment (or of the moov when none is complete);
 *     standard: the file size
 * @param tornMoof fragmented: the whole moof after the last complete fragment whose mdat the end of the file cuts
 *     (or that the file ends right after), whose samples are kept as far as their bytes are present; null when
 *     there is none
 * @param presentEnd how far samples may come from: the file size when there is a torn moof, else
 *     {@code completeEnd}
 * @param placeholderOffset the hybrid writer's 16-byte {@code free} placeholder right after ftyp, or -1
 * @param appendedMoov the standard moov a hybrid finalize appended after the fragments (maybe cut), or null
 * @param dropped ranges after {@code completeEnd} that hold no complete fragment, with the reason; not the torn
 *     moof's fragment, whose losses depend on the samples kept ({@link IndexedRepair} reports them)
 */
record FileSurvey(RepairKind kind, FileTypeBox ftyp, BoxNode moov, long completeEnd, BoxNode tornMoof,
        long presentEnd, long placeholderOffset, BoxNode appendedMoov, List<SkippedRange> dropped) {
    /** The hybrid writer's placeholder: a free box big enough for a 64-bit mdat header. */
    private static final long PLACEHOLDER_SIZE = 16;
    private static final FourCC MDAT = FourCC.of("mdat");
    private static final FourCC FREE = FourCC.of("free");
    /**
     * Whole boxes that may follow the last fragment and hold no media: the random-access index a fragmented
     * writer appends on a clean close (ffmpeg's and ours), padding, segment indexes and producer times.
     */
    private static final Set<FourCC> TRAILING_WITHOUT_MEDIA = Set.of(FourCC.of("mfra"), FREE,
            FourCC.of("skip"), FourCC.of("sidx"), FourCC.of("ssix"), FourCC.of("prft"), FourCC.of("udta"));

    static FileSurvey of(ReadResult file) {
        List<BoxNode> nodes = file.nodes();
        FileTypeBox ftyp = null;
        BoxNode ftypNode = null;
        int moovAt = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (ftyp == null && nodes.get(i).box() instanceof FileTypeBox f) {
                ftyp = f;
                ftypNode = nodes.get(i);
            }
            if (nodes.get(i).box() instanceof MovieBox) {
                moovAt = i;
                break;
            }
        }
        if (moovAt < 0) {
            return new FileSurvey(null, ftyp, null, 0, null, 0, -1, null, List.of());
        }
        BoxNode moov = nodes.get(moovAt);
        if (((MovieBox) moov.box()).first(MovieExtendsBox.class).isEmpty()) {
            return new FileSurvey(RepairKind.STANDARD_TRUNCATED, ftyp, moov, file.fileSize(), null, file.fileSize(), -1,
                    null, List.of());
        }
        long placeholder = -1;
        if (ftypNode != null && moovAt >= 1) {
            BoxNode before = nodes.get(moovAt - 1);
            if (before.header().type().equals(FREE) && before.header().size() == PLACEHOLDER_SIZE
                    && before.header().offset() == ftypNode.header().end()) {
                placeholder = before.header().offset();
            }
        }
        // A fragment counts once its moof and the mdat after it are whole. A moof the writer had not committed
        // yet (FragmentedWriter writes its type last) is some other box, so its mdat counts for nothing. A whole
        // moof whose mdat the end of the file cuts (or that ends the file) is torn: it still says where each of
        // its samples is, and those whose bytes are present are kept.
        long completeEnd = moov.header().end();
        BoxNode pendingMoof = null;
        BoxNode torn = null;
        BoxNode appended = null;
        long scanEnd = file.fileSize();
        boolean stopped = false;
        for (int i = moovAt + 1; i < nodes.size(); i++) {
            BoxNode n = nodes.get(i);
            if (n.box() instanceof MovieBox) {
                appended = n;
                scanEnd = n.header().offset();
                stopped = true;
                break;
            }
            if (n.header().truncated()) {
                if (pendingMoof != null && n.header().type().equals(MDAT)) {
                    torn = pendingMoof;
                }
                stopped = true;
                break;
            }
            if (n.box() instanceof MovieFragmentBox) {
                pendingMoof = n;
            } else if (n.header().type().equals(MDAT) && pendingMoof != null) {
                completeEnd = n.header().end();
                pendingMoof = null;
            }
        }
        if (!stopped && pendingMoof != null && pendingMoof == nodes.get(nodes.size() - 1)) {
            // The file ends with the moof, or a few bytes of its mdat header (too short to be read as a box).
            torn = pendingMoof;
        }
        List<SkippedRange> dropped = new ArrayList<>();
        if (torn == null && completeEnd < scanEnd && !onlyBoxesWithoutMedia(nodes, completeEnd, scanEnd)) {
            dropped.add(new SkippedRange(completeEnd, scanEnd - completeEnd,
                    "incomplete fragment (moof or mdat cut short, or never committed): dropped"));
        }
        RepairKind kind;
        if (appended != null) {
            kind = RepairKind.HYBRID_FINALIZE_INTERRUPTED;
            if (appended.header().truncated()) {
                dropped.add(new SkippedRange(appended.header().offset(), file.fileSize() - appended.header().offset(),
                        "standard moov partly appended by an interrupted finalize: ignored, rebuilt from the"
                                + " fragments"));
            }
        } else {
            kind = placeholder >= 0 ? RepairKind.HYBRID_RECORDING_INTERRUPTED : RepairKind.FRAGMENTED_TRUNCATED;
        }
        return new FileSurvey(kind, ftyp, moov, completeEnd, torn, torn != null ? file.fileSize() : completeEnd,
                placeholder, appended, dropped);
    }

    /** True when [from, to) is exactly a run of whole top-level boxes that carry no media. */
    private static boolean onlyBoxesWithoutMedia(List<BoxNode> nodes, long from, long to) {
        long at = from;
        for (BoxNode n : nodes) {
            if (n.header().offset() < from) {
                continue;
            }
            if (n.header().offset() >= to) {
                break;
            }
            if (n.header().offset() != at || n.header().truncated()
                    || !TRAILING_WITHOUT_MEDIA.contains(n.header().type())) {
                return false;
            }
            at = n.header().end();
        }
        return at == to;
    }

    boolean fragmented() {
        return kind != null && kind != RepairKind.STANDARD_TRUNCATED;
    }

    /**
     * True when a hybrid finalize wrote its whole standard moov after the complete fragments, so only the header
     * writes (ftyp brands, placeholder to mdat header) are missing.
     */
    boolean finalizeNeedsOnlyHeaders(long fileSize) {
        return appendedMoov != null && placeholderOffset >= 0 && !appendedMoov.header().truncated()
                && appendedMoov.header().end() == fileSize && completeEnd == appendedMoov.header().offset()
                && ((MovieBox) appendedMoov.box()).first(MovieExtendsBox.class).isEmpty();
    }
}

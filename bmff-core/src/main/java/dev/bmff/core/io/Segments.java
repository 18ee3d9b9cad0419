package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.MovieBox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a media segment (CMAF, DASH or HLS fMP4: {@code styp}, {@code sidx}, {@code moof}+{@code mdat}) together
 * with the init segment that declares its tracks ({@code ftyp} + a {@code moov} with {@code mvex}), as HLS and
 * DASH serve them in separate files. The result reads like one fragmented file: the init segment's ftyp and moov,
 * then the media segment's boxes. Every offset of the media segment's boxes, and so of its samples in a
 * {@link dev.bmff.core.index.SampleIndex}, is an offset in the media segment's file; the moov's nodes keep the
 * offsets of the init segment's file.
 *
 * <pre>{@code
 * ReadResult r = Segments.read(Path.of("video_init.mp4"), Path.of("video_1.m4s"), ReadOptions.strict());
 * SampleIndex index = SampleIndex.of(r);   // samples at offsets in video_1.m4s
 * }</pre>
 */
public final class Segments {
    private Segments() {
    }

    /**
     * Reads {@code segment} with the tracks of {@code init}.
     *
     * @throws BmffFormatException when {@code init} has no moov (it is not an init segment), or a read is strict
     *     and finds a problem
     */
    public static ReadResult read(Path init, Path segment, ReadOptions options) throws IOException {
        ReadResult head = BoxReader.read(init, options);
        ReadResult media = BoxReader.read(segment, options);
        return combine(head, media, init.toString());
    }

    /** {@link #read(Path, Path, ReadOptions)} on files already read. */
    public static ReadResult combine(ReadResult init, ReadResult segment, String initName)
            throws BmffFormatException {
        List<BoxNode> nodes = new ArrayList<>();
        for (BoxNode n : init.nodes()) {
            if (n.box() instanceof FileTypeBox || n.box() instanceof MovieBox) {
                nodes.add(n);
            }
        }
        if (nodes.stream().noneMatch(n -> n.box() instanceof MovieBox)) {
            throw BmffFormatException.malformed(0, "", initName + " is not an init segment: it has no moov");
        }
        nodes.addAll(segment.nodes());
        List<ReadProblem> problems = new ArrayList<>(init.problems());
        problems.addAll(segment.problems());
        return new ReadResult(segment.fileSize(), nodes, problems);
    }

    /**
     * True when {@code file} is a media segment on its own: movie fragments (or a {@code styp}) and no moov, so its
     * samples can only be read with an init segment.
     */
    public static boolean isMediaSegment(ReadResult file) {
        boolean fragments = false;
        for (BoxNode n : file.nodes()) {
            if (n.box() instanceof MovieBox) {
                return false;
            }
            String type = n.header().type().toString();
            fragments |= type.equals("moof") || type.equals("styp");
        }
        return fragments;
    }
}

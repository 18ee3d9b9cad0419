package dev.bmff.core.io;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.MovieBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link BoxReader} found: the top-level boxes with their positions, and in lenient mode every
 * problem it stepped over.
 *
 * <pre>{@code
 * ReadResult r = BoxReader.read(path, ReadOptions.lenient());
 * r.problems().forEach(System.err::println);
 * Optional<MovieBox> moov = r.movie();
 * }</pre>
 *
 * @param fileSize size of the file when it was read
 */
public record ReadResult(long fileSize, List<BoxNode> nodes, List<ReadProblem> problems) {
    public ReadResult {
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
    }

    /** The top-level box models in file order. */
    public List<Box> boxes() {
        List<Box> out = new ArrayList<>(nodes.size());
        for (BoxNode n : nodes) {
            out.add(n.box());
        }
        return out;
    }

    /** The first top-level box of the given model class. */
    public <T extends Box> Optional<T> first(Class<T> kind) {
        for (BoxNode n : nodes) {
            if (kind.isInstance(n.box())) {
                return Optional.of(kind.cast(n.box()));
            }
        }
        return Optional.empty();
    }

    /** Every top-level box of the given model class. */
    public <T extends Box> List<T> all(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (BoxNode n : nodes) {
            if (kind.isInstance(n.box())) {
                out.add(kind.cast(n.box()));
            }
        }
        return out;
    }

    /** The moov box, if the file has one. */
    public Optional<MovieBox> movie() {
        return first(MovieBox.class);
    }

    /** Box types a file may start with, for {@link #looksLikeIsoBmff()}. */
    private static final java.util.Set<String> FIRST_BOXES = java.util.Set.of("ftyp", "styp", "moov", "mdat", "free",
            "skip", "wide", "moof", "mfra", "sidx", "ssix", "uuid", "pdin", "meta", "emsg", "prft", "junk", "pnot",
            "jP  ");

    /**
     * False when the file is not ISO BMFF (MP4, MOV, 3GP, HEIF...) at all, such as a text file or random bytes:
     * no box could be read at its start, or its first "box" has a type that is not printable, or claims more
     * bytes than the file has without being a box type a file starts with. A cut or damaged MP4 still starts with
     * a box, so it looks like ISO BMFF. Meaningful for a lenient read (a strict one throws on such input).
     */
    public boolean looksLikeIsoBmff() {
        if (nodes.isEmpty()) {
            return false;
        }
        BoxHeader first = nodes.get(0).header();
        if (first.offset() != 0 || !first.type().isPrintable()) {
            return false;
        }
        return !first.truncated() || FIRST_BOXES.contains(first.type().toString());
    }

    /** True when nothing was wrong. */
    public boolean isClean() {
        return problems.isEmpty();
    }
}

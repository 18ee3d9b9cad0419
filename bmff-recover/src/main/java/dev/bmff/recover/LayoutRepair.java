package dev.bmff.recover;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A broken-file layout that is no MP4 at all and that another module knows how to repair with a reference (bmff-rsv:
 * Sony {@code .RSV} files). {@link Recovery#repair(Path, Path, Path, RepairOptions)} asks every implementation found
 * by {@link ServiceLoader} (a {@code provides} clause on the module path, {@code META-INF/services} on the class
 * path) whether it recognizes the broken file's first bytes, and hands the repair to the first that does.
 *
 * <pre>{@code
 * public final class MyLayout implements LayoutRepair {
 *     public String layoutName() { return "a MyCam dump"; }
 *     public boolean recognizes(ByteBuffer head) { return head.remaining() >= 4 && head.getInt(0) == MAGIC; }
 *     public RepairReport repair(Path reference, BrokenFile broken, Path out, RepairOptions options) { ... }
 * }
 * }</pre>
 */
public interface LayoutRepair {
    /** How many of the broken file's first bytes {@link #recognizes} is shown (fewer when the file is shorter). */
    int HEAD_BYTES = BrokenFile.HEAD_BYTES;

    /** What the layout is called in messages, e.g. {@code "a Sony RSV file"}. */
    String layoutName();

    /** True when {@code head}, the broken file's first bytes (position 0, read-only), has this layout. */
    boolean recognizes(ByteBuffer head);

    /**
     * Repairs {@code broken} (opened by {@link Recovery}, read-only; the repair reads it there and does not close
     * it) with {@code reference} into {@code out}, as {@link Recovery#repair} promises.
     */
    RepairReport repair(Path reference, BrokenFile broken, Path out, RepairOptions options) throws IOException;

    /** The first installed implementation that recognizes {@code broken}'s first bytes, if any. */
    static Optional<LayoutRepair> find(BrokenFile broken) {
        for (LayoutRepair r : ServiceLoader.load(LayoutRepair.class, LayoutRepair.class.getClassLoader())) {
            if (r.recognizes(broken.head())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

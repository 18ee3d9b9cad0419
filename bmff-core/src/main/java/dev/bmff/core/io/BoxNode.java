package dev.bmff.core.io;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A box as found in a file: its model, where it sits, and the nodes of its children (for container
 * boxes), so tools can show offsets without the models carrying them.
 *
 * <pre>{@code
 * BoxNode trak = moovNode.find(track.trackBox()).orElseThrow();        // where a model came from
 * Optional<BoxNode> stsd = trak.first(FourCC.of("stsd"));             // e.g. moov/trak[1]/mdia/minf/stbl/stsd
 * }</pre>
 *
 * @param path like {@code moov/trak[1]/mdia}
 */
public record BoxNode(BoxHeader header, String path, Box box, List<BoxNode> children) {
    public BoxNode {
        children = List.copyOf(children);
    }

    /** The node of {@code target} (that very model object, not an equal one), this one or any below it. */
    public Optional<BoxNode> find(Box target) {
        Deque<BoxNode> todo = new ArrayDeque<>(List.of(this));
        while (!todo.isEmpty()) {
            BoxNode n = todo.pop();
            if (n.box() == target) {
                return Optional.of(n);
            }
            n.children().forEach(todo::push);
        }
        return Optional.empty();
    }

    /** The first node of {@code type}, this one or any below it, the shallowest first (breadth first). */
    public Optional<BoxNode> first(FourCC type) {
        Deque<BoxNode> todo = new ArrayDeque<>(List.of(this));
        while (!todo.isEmpty()) {
            BoxNode n = todo.removeFirst();
            if (n.header().type().equals(type)) {
                return Optional.of(n);
            }
            todo.addAll(n.children());
        }
        return Optional.empty();
    }
}

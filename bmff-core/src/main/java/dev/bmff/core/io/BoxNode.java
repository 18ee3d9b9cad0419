package dev.bmff.core.io;

import dev.bmff.core.box.Box;
import java.util.List;

/**
 * A box as found in a file: its model, where it sits, and the nodes of its children (for container
 * boxes), so tools can show offsets without the models carrying them.
 *
 * @param path like {@code moov/trak[1]/mdia}
 */
public record BoxNode(BoxHeader header, String path, Box box, List<BoxNode> children) {
    public BoxNode {
        children = List.copyOf(children);
    }
}

package dev.bmff.core.dump;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.TrailingBytes;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.ReadProblem;
import dev.bmff.core.io.ReadResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A readable dump of a file's box tree: one line per box with its offset, size and key fields, or the
 * same as JSON. Used by {@code bmff inspect} and as golden output in tests.
 *
 * <pre>{@code
 * System.out.print(BoxTreeDump.text(BoxReader.read(path, ReadOptions.lenient())));
 * }</pre>
 */
public final class BoxTreeDump {
    private BoxTreeDump() {
    }

    /** One line per box, indented by depth, then the problems. */
    public static String text(ReadResult result) {
        return text(result, box -> List.of());
    }

    /**
     * As {@link #text(ReadResult)}, with extra lines under each box from {@code annotator}: the hook through
     * which a module that knows codecs (the core does not) adds what it decodes, e.g. a sample entry's
     * parameters. The annotator returns no lines for boxes it has nothing to say about.
     *
     * <pre>{@code
     * BoxTreeDump.text(result, box -> box instanceof SampleEntry e ? List.of("codec: " + describe(e)) : List.of());
     * }</pre>
     */
    public static String text(ReadResult result, Function<Box, List<String>> annotator) {
        StringBuilder sb = new StringBuilder();
        Deque<Object[]> todo = new ArrayDeque<>();
        for (int i = result.nodes().size() - 1; i >= 0; i--) {
            todo.push(new Object[] {result.nodes().get(i), 0});
        }
        while (!todo.isEmpty()) {
            Object[] item = todo.pop();
            BoxNode n = (BoxNode) item[0];
            int depth = (Integer) item[1];
            sb.append("  ".repeat(depth));
            if (n.box() instanceof TrailingBytes t) {
                sb.append("(").append(t.bytes().size()).append(" trailing bytes) @").append(n.header().offset());
            } else {
                sb.append(n.header().type()).append(" @").append(n.header().offset()).append(" size ")
                        .append(n.header().size());
                if (n.header().largeSize()) {
                    sb.append(" (64-bit size)");
                }
                if (n.header().toEnd()) {
                    sb.append(" (to end of file)");
                }
                if (n.header().truncated()) {
                    sb.append(" (claims ").append(n.header().declaredSize()).append(")");
                }
                Map<String, Object> fields = BoxFields.of(n.box());
                for (Map.Entry<String, Object> e : fields.entrySet()) {
                    sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
                }
            }
            sb.append('\n');
            for (String line : annotator.apply(n.box())) {
                sb.append("  ".repeat(depth + 1)).append(line).append('\n');
            }
            List<BoxNode> kids = n.children();
            for (int i = kids.size() - 1; i >= 0; i--) {
                todo.push(new Object[] {kids.get(i), depth + 1});
            }
        }
        for (ReadProblem p : result.problems()) {
            sb.append("problem: ").append(p).append('\n');
        }
        return sb.toString();
    }

    /** The tree as JSON: {@code {"file_size":..,"boxes":[{"type":..,"offset":..,"size":..,"fields":{..},"children":[..]}],"problems":[..]}}. */
    public static String json(ReadResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file_size", result.fileSize());
        List<Object> boxes = new ArrayList<>();
        for (BoxNode n : result.nodes()) {
            boxes.add(toMap(n));
        }
        root.put("boxes", boxes);
        List<Object> problems = new ArrayList<>();
        for (ReadProblem p : result.problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("offset", p.offset());
            m.put("path", p.boxPath());
            m.put("message", p.message());
            problems.add(m);
        }
        root.put("problems", problems);
        return Json.encode(root);
    }

    private static Map<String, Object> toMap(BoxNode n) {
        // Depth is bounded by ReadOptions.maxDepth, so recursion here is safe.
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", n.box() instanceof TrailingBytes ? "(trailing)" : n.header().type().toString());
        m.put("path", n.path());
        m.put("offset", n.header().offset());
        m.put("size", n.header().size());
        if (n.header().truncated()) {
            m.put("declared_size", n.header().declaredSize());
        }
        m.put("fields", BoxFields.of(n.box()));
        if (!n.children().isEmpty()) {
            List<Object> kids = new ArrayList<>();
            for (BoxNode c : n.children()) {
                kids.add(toMap(c));
            }
            m.put("children", kids);
        }
        return m;
    }
}

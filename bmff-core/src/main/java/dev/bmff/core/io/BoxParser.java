package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.TrailingBytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one top-level box held in memory into its model tree. Iterative, with an explicit stack, so
 * hostile nesting cannot overflow the Java stack; every child must end inside its parent.
 */
final class BoxParser {
    private final ReadOptions options;
    private final List<ReadProblem> problems;
    private final int[] boxCount;
    private final ParseContext ctx = new ParseContext();
    private byte[] buf;
    private long base;

    /** A container being filled with children. */
    private static final class Frame {
        final BoxHeader header;
        final String path;
        final ContainerCodec.Prefix prefix;
        final int end;
        final List<Box> children = new ArrayList<>();
        final List<BoxNode> nodes = new ArrayList<>();
        final Map<FourCC, Integer> seen = new HashMap<>();
        int pos;

        Frame(BoxHeader header, String path, ContainerCodec.Prefix prefix, int pos, int end) {
            this.header = header;
            this.path = path;
            this.prefix = prefix;
            this.pos = pos;
            this.end = end;
        }
    }

    /**
     * @param boxCount a one-element counter shared by every parser of one read, checked against the limit
     */
    BoxParser(ReadOptions options, List<ReadProblem> problems, int[] boxCount) {
        this.options = options;
        this.problems = problems;
        this.boxCount = boxCount;
    }

    /**
     * Parses the box whose header is {@code header} and whose payload is all of {@code payload}.
     */
    BoxNode parse(BoxHeader header, String path, byte[] payload) throws BmffFormatException {
        this.buf = payload;
        this.base = header.payloadOffset();
        Deque<Frame> stack = new ArrayDeque<>();
        BoxNode root = open(header, path, 0, payload.length, null, stack);
        if (root != null) {
            return root;
        }
        while (true) {
            Frame f = stack.peek();
            int left = f.end - f.pos;
            if (left == 0) {
                stack.pop();
                BoxNode node = close(f);
                if (stack.isEmpty()) {
                    return node;
                }
                stack.peek().children.add(node.box());
                stack.peek().nodes.add(node);
                continue;
            }
            if (left < 8) {
                trailing(f, f.pos, left, "bytes too short to be a box");
                continue;
            }
            long offset = base + f.pos;
            BoxHeader h;
            try {
                h = HeaderDecoder.decode(buf, f.pos, left, offset, base + f.end, f.path);
            } catch (BmffFormatException e) {
                if (!options.isLenient()) {
                    throw e;
                }
                problems.add(new ReadProblem(offset, f.path, e.detail() + "; " + left
                        + " bytes to the end of the parent kept unparsed"));
                trailing(f, f.pos, left, null);
                continue;
            }
            String childPath = childPath(f, h.type());
            if (h.truncated()) {
                String msg = "box claims " + h.declaredSize() + " bytes but only " + h.size()
                        + " are left in its parent";
                if (!options.isLenient()) {
                    throw BmffFormatException.malformed(offset, childPath, msg);
                }
                problems.add(new ReadProblem(offset, childPath, msg + "; read as cut there"));
            }
            countBox(offset, childPath);
            f.pos += (int) h.size();
            int start = (int) (h.payloadOffset() - base);
            int end = (int) (h.end() - base);
            if (stack.size() >= options.maxDepth() && containerCodec(h.type(), f) != null) {
                String msg = "nesting deeper than " + options.maxDepth() + " boxes";
                if (!options.isLenient()) {
                    throw new BmffFormatException(BmffFormatException.Kind.LIMIT_EXCEEDED, offset, childPath, msg);
                }
                problems.add(new ReadProblem(offset, childPath, msg + "; kept unparsed"));
                add(f, new BoxNode(h, childPath, raw(h, start, end), List.of()));
                continue;
            }
            BoxNode leaf = open(h, childPath, start, end, f, stack);
            if (leaf != null) {
                add(f, leaf);
            }
        }
    }

    private static void add(Frame f, BoxNode node) {
        f.children.add(node.box());
        f.nodes.add(node);
    }

    private void countBox(long offset, String path) throws BmffFormatException {
        if (++boxCount[0] > options.maxBoxes()) {
            throw new BmffFormatException(BmffFormatException.Kind.LIMIT_EXCEEDED, offset, path,
                    "more than " + options.maxBoxes() + " boxes");
        }
    }

    private void trailing(Frame f, int at, int length, String what) throws BmffFormatException {
        Bytes bytes = Bytes.of(buf, at, length);
        f.pos = f.end;
        if (what != null && !bytes.isAllZero()) {
            String msg = length + " " + what + " at the end of the container";
            if (!options.isLenient()) {
                throw BmffFormatException.malformed(base + at, f.path, msg);
            }
            problems.add(new ReadProblem(base + at, f.path, msg + "; kept as they are"));
        }
        BoxHeader h = new BoxHeader(base + at, length, length, 0, TrailingBytes.NONE, null, false, false);
        add(f, new BoxNode(h, f.path, new TrailingBytes(bytes), List.of()));
    }

    private String childPath(Frame f, FourCC type) {
        int n = f.seen.merge(type, 1, Integer::sum) - 1;
        boolean indexed = n > 0 || type.equals(BoxTypes.TRAK) || type.equals(BoxTypes.TRAF)
                || type.equals(BoxTypes.TRUN) || f.header.type().equals(BoxTypes.STSD);
        return f.path + "/" + type + (indexed ? "[" + n + "]" : "");
    }

    private ContainerCodec<?> containerCodec(FourCC type, Frame parent) {
        if (parent != null && parent.header.type().equals(BoxTypes.STSD) && parent.prefix != null) {
            return switch (SampleEntryCodecs.kindOf(type, ctx)) {
                case VIDEO -> SampleEntryCodecs.visual(type);
                case AUDIO -> SampleEntryCodecs.audio(type);
                case OTHER -> null;
            };
        }
        return Codecs.containerFor(type);
    }

    /**
     * Opens a container (pushing a frame, returning null) or parses a leaf (returning its node).
     */
    private BoxNode open(BoxHeader h, String path, int start, int end, Frame parent, Deque<Frame> stack)
            throws BmffFormatException {
        ContainerCodec<?> codec = containerCodec(h.type(), parent);
        if (codec == null) {
            Box leaf = leaf(h, path, start, end, parent);
            return new BoxNode(h, path, leaf, List.of());
        }
        PayloadReader in = new PayloadReader(buf, start, end, base, path);
        ContainerCodec.Prefix prefix;
        try {
            prefix = codec.read(in, ctx);
        } catch (BmffFormatException | IllegalArgumentException e) {
            BmffFormatException ex = asFormatException(e, h, path);
            if (!options.isLenient()) {
                throw ex;
            }
            problems.add(new ReadProblem(ex.offset(), path, ex.detail() + "; box kept unparsed"));
            prefix = null;
        }
        if (prefix == null) {
            return new BoxNode(h, path, raw(h, start, end), List.of());
        }
        if (h.type().equals(BoxTypes.TRAK)) {
            ctx.handlerType = null;
        }
        stack.push(new Frame(h, path, prefix, in.position(), end));
        return null;
    }

    private BoxNode close(Frame f) throws BmffFormatException {
        long expected = f.prefix.expectedChildren();
        long actual = f.children.stream().filter(b -> !(b instanceof TrailingBytes)).count();
        if (expected >= 0 && expected != actual) {
            String msg = "entry count says " + expected + " but " + actual + " entries are present";
            if (!options.isLenient()) {
                throw BmffFormatException.malformed(f.header.offset(), f.path, msg);
            }
            problems.add(new ReadProblem(f.header.offset(), f.path, msg + "; kept the entries present"));
        }
        try {
            return new BoxNode(f.header, f.path, f.prefix.build(f.children), f.nodes);
        } catch (IllegalArgumentException e) {
            throw BmffFormatException.malformed(f.header.offset(), f.path, e.getMessage());
        }
    }

    private Box leaf(BoxHeader h, String path, int start, int end, Frame parent) throws BmffFormatException {
        LeafCodec<?> codec = Codecs.leafFor(h.type());
        if (codec == null) {
            return raw(h, start, end);
        }
        PayloadReader in = new PayloadReader(buf, start, end, base, path);
        try {
            int version = 0;
            int flags = 0;
            if (Codecs.isFullBox(h.type())) {
                version = in.u8();
                flags = in.u24();
            }
            Box box = codec.read(in, version, flags, ctx);
            if (box != null && in.remaining() != 0) {
                if (options.isLenient()) {
                    problems.add(new ReadProblem(in.fileOffset(), path, in.remaining()
                            + " bytes after the last field were ignored"));
                } else {
                    box = null;
                }
            }
            if (box instanceof HandlerBox hdlr && parent != null && parent.header.type().equals(BoxTypes.MDIA)) {
                ctx.handlerType = hdlr.handlerType();
            }
            return box != null ? box : raw(h, start, end);
        } catch (BmffFormatException | IllegalArgumentException | ArithmeticException e) {
            BmffFormatException ex = asFormatException(e, h, path);
            if (!options.isLenient()) {
                throw ex;
            }
            problems.add(new ReadProblem(ex.offset(), path, ex.detail() + "; box kept unparsed"));
            return raw(h, start, end);
        }
    }

    private static BmffFormatException asFormatException(Exception e, BoxHeader h, String path) {
        if (e instanceof BmffFormatException b) {
            return b;
        }
        return BmffFormatException.malformed(h.offset(), path, "invalid field: " + e.getMessage());
    }

    private RawBox raw(BoxHeader h, int start, int end) {
        return new RawBox(h.type(), h.userType(), Bytes.of(buf, start, end - start));
    }
}

package dev.bmff.core.io;

import dev.bmff.core.BmffFormatException;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.box.FileRange;
import dev.bmff.core.box.FreeSpaceBox;
import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.Payload;
import dev.bmff.core.box.RawBox;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a file's boxes. Top-level headers are read one at a time from the channel; {@code mdat} and
 * other large payloads stay on disk as {@link FileRange}s, every other top-level box is read (bounded
 * by the bytes actually in the file and by {@link ReadOptions#maxInMemoryBox()}) and parsed into models.
 * Memory use therefore depends on the size of the index boxes, never on the size of the media data.
 *
 * <pre>{@code
 * ReadResult r = BoxReader.read(Path.of("in.mp4"), ReadOptions.strict());
 * MovieBox moov = r.movie().orElseThrow();
 * }</pre>
 */
public final class BoxReader {
    private BoxReader() {
    }

    /** Reads the file at {@code path}. */
    public static ReadResult read(Path path, ReadOptions options) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch, options);
        }
    }

    /**
     * Reads every top-level box of {@code channel}, from position 0 to its size. The channel's position
     * is changed.
     */
    public static ReadResult read(SeekableByteChannel channel, ReadOptions options) throws IOException {
        long fileSize = channel.size();
        List<BoxNode> nodes = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        int[] count = {0};
        Map<String, Integer> seen = new HashMap<>();
        byte[] head = new byte[32];
        long pos = 0;
        while (pos < fileSize) {
            long left = fileSize - pos;
            if (left < 8) {
                String msg = left + " bytes at the end of the file are too short to be a box";
                if (!options.isLenient()) {
                    throw BmffFormatException.malformed(pos, "", msg);
                }
                problems.add(new ReadProblem(pos, "", msg + "; ignored"));
                break;
            }
            int got = readUpTo(channel, pos, head, (int) Math.min(head.length, left));
            BoxHeader h;
            try {
                h = HeaderDecoder.decode(head, 0, got, pos, fileSize, "");
            } catch (BmffFormatException e) {
                if (!options.isLenient()) {
                    throw e;
                }
                problems.add(new ReadProblem(pos, "", e.detail() + "; the last " + left
                        + " bytes of the file were not read"));
                break;
            }
            String type = h.type().toString();
            int n = seen.merge(type, 1, Integer::sum) - 1;
            String path = n == 0 && !type.equals("moof") && !type.equals("mdat") ? type : type + "[" + n + "]";
            if (!h.type().isPrintable() && h.truncated()) {
                String msg = "no box here: type bytes '" + h.type() + "' and a size past the end of the file";
                if (!options.isLenient()) {
                    throw BmffFormatException.malformed(pos, "", msg);
                }
                problems.add(new ReadProblem(pos, "", msg + "; the last " + left + " bytes were not read"));
                break;
            }
            if (h.truncated()) {
                String msg = "box claims " + h.declaredSize() + " bytes but only " + left + " are left in the file";
                if (!options.isLenient()) {
                    throw BmffFormatException.malformed(pos, path, msg);
                }
                problems.add(new ReadProblem(pos, path, msg + "; read as cut at the end of the file"));
            }
            if (++count[0] > options.maxBoxes()) {
                throw new BmffFormatException(BmffFormatException.Kind.LIMIT_EXCEEDED, pos, path,
                        "more than " + options.maxBoxes() + " boxes");
            }
            nodes.add(readTopLevel(channel, h, path, options, problems, count));
            pos = h.end();
        }
        return new ReadResult(fileSize, nodes, problems);
    }

    private static BoxNode readTopLevel(SeekableByteChannel ch, BoxHeader h, String path, ReadOptions options,
            List<ReadProblem> problems, int[] count) throws IOException {
        FileRange range = new FileRange(h.payloadOffset(), h.payloadSize());
        if (h.type().equals(BoxTypes.MDAT)) {
            return leaf(h, path, new MediaDataBox(range, h.largeSize()));
        }
        boolean free = h.type().equals(BoxTypes.FREE) || h.type().equals(BoxTypes.SKIP)
                || h.type().equals(BoxTypes.WIDE);
        boolean parsed = Codecs.containerFor(h.type()) != null || Codecs.leafFor(h.type()) != null;
        if (!parsed) {
            Payload p = h.payloadSize() > options.onDiskThreshold() ? range : load(ch, h, path);
            Box box = free ? new FreeSpaceBox(h.type(), p) : new RawBox(h.type(), h.userType(), p);
            return leaf(h, path, box);
        }
        if (h.payloadSize() > options.maxInMemoryBox()) {
            String msg = "box of " + h.payloadSize() + " bytes is larger than the in-memory limit of "
                    + options.maxInMemoryBox();
            if (!options.isLenient()) {
                throw new BmffFormatException(BmffFormatException.Kind.LIMIT_EXCEEDED, h.offset(), path, msg);
            }
            problems.add(new ReadProblem(h.offset(), path, msg + "; kept unparsed on disk"));
            return leaf(h, path, new RawBox(h.type(), h.userType(), range));
        }
        byte[] payload = new byte[(int) h.payloadSize()];
        if (readUpTo(ch, h.payloadOffset(), payload, payload.length) != payload.length) {
            throw BmffFormatException.malformed(h.payloadOffset(), path, "file shrank while being read");
        }
        return new BoxParser(options, problems, count).parse(h, path, payload);
    }

    private static Bytes load(SeekableByteChannel ch, BoxHeader h, String path) throws IOException {
        byte[] b = new byte[(int) h.payloadSize()];
        if (readUpTo(ch, h.payloadOffset(), b, b.length) != b.length) {
            throw BmffFormatException.malformed(h.payloadOffset(), path, "file shrank while being read");
        }
        return Bytes.of(b);
    }

    private static BoxNode leaf(BoxHeader h, String path, Box box) {
        return new BoxNode(h, path, box, List.of());
    }

    /** Reads up to {@code length} bytes at {@code position}; returns how many were read (fewer only at EOF). */
    private static int readUpTo(SeekableByteChannel ch, long position, byte[] into, int length) throws IOException {
        return PositionalReads.readUpTo(ch, position, ByteBuffer.wrap(into, 0, length));
    }
}

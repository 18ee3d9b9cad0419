import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Builds a large recording that lost its moov, from a short real one: the reference's ftyp, an 8-byte free box
 * (room for a 64-bit mdat header, as ffmpeg leaves it), an mdat header of size 0 (never finished), then the
 * reference's media data repeated whole until at least the target size. Every copy starts with the
 * reference's first sample (a keyframe), so the repaired file is the reference's samples {@code copies} times
 * over. A single-file program (no dependencies), run as
 * {@code java scripts/HugeBrokenFile.java REFERENCE.mp4 BROKEN.mp4 BYTES}; prints {@code copies=N bytes=M}.
 * Used by {@code scripts/huge-repair.sh} and by bmff-recover's {@code HugeRepairTest}.
 */
public final class HugeBrokenFile {
    private HugeBrokenFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java HugeBrokenFile.java REFERENCE BROKEN BYTES");
            System.exit(64);
        }
        Path reference = Path.of(args[0]);
        Path broken = Path.of(args[1]);
        long target = Long.parseLong(args[2]);
        byte[] all = Files.readAllBytes(reference);
        int ftypSize = 0;
        int mdat = -1;
        long mdatSize = 0;
        for (int pos = 0; pos + 8 <= all.length; ) {
            long size = ByteBuffer.wrap(all, pos, 4).getInt() & 0xFFFF_FFFFL;
            String type = new String(all, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (size < 8 || pos + size > all.length) {
                throw new IOException(reference + ": box " + type + " at " + pos + " has size " + size
                        + " (the reference must have 32-bit box sizes and its moov)");
            }
            if (type.equals("ftyp")) {
                ftypSize = (int) size;
            } else if (type.equals("mdat")) {
                mdat = pos;
                mdatSize = size;
            }
            pos += (int) size;
        }
        if (ftypSize == 0 || mdat < 0 || mdatSize <= 8) {
            throw new IOException(reference + ": needs an ftyp box first and a non-empty mdat box");
        }
        byte[] media = Arrays.copyOfRange(all, mdat + 8, (int) (mdat + mdatSize));
        // Whole copies in blocks of about 16 MiB: a few large writes, whatever the size.
        int perBlock = Math.max(1, (16 << 20) / media.length);
        ByteBuffer block = ByteBuffer.allocateDirect(perBlock * media.length);
        for (int i = 0; i < perBlock; i++) {
            block.put(media);
        }
        long copies = 0;
        long written;
        try (FileChannel ch = FileChannel.open(broken, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(all, 0, ftypSize));
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e', 0, 0, 0, 0, 'm', 'd', 'a', 't'}));
            written = ftypSize + 16L;
            while (written < target) {
                long left = (target - written + media.length - 1) / media.length;
                int n = (int) Math.min(perBlock, left);
                block.clear().limit(n * media.length);
                while (block.hasRemaining()) {
                    written += ch.write(block);
                }
                copies += n;
            }
        }
        System.out.println("copies=" + copies + " bytes=" + written);
    }
}

package dev.bmff.consumer;

import dev.bmff.core.box.MediaDataBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.io.BoxNode;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.io.ReadResult;
import dev.bmff.recover.Recovery;
import dev.bmff.recover.RepairReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a user's code does with bmff: a recording whose moov was lost (here made from a good one by cutting the
 * moov off and zeroing the mdat size, as a crashed camera leaves it) repaired with a reference recording.
 */
public final class LostMoov {
    private LostMoov() {
    }

    /** {@code java -p ... -m dev.bmff.consumer/dev.bmff.consumer.LostMoov GOOD.mp4 DIR}: prints the report. */
    public static void main(String[] args) throws IOException {
        Path good = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        Path broken = dir.resolve("lost-moov.mp4");
        cutMoov(good, broken);
        RepairReport report = Recovery.repair(good, broken, dir.resolve("repaired.mp4"));
        System.out.print(report);
        System.exit(report.isComplete() ? 0 : 2);
    }

    /** Copies {@code good} up to its moov, which must follow the mdat, and zeroes the mdat's 32-bit size. */
    public static void cutMoov(Path good, Path broken) throws IOException {
        ReadResult file = BoxReader.read(good, ReadOptions.strict());
        BoxNode mdat = null;
        BoxNode moov = null;
        for (BoxNode n : file.nodes()) {
            if (n.box() instanceof MediaDataBox && mdat == null) {
                mdat = n;
            } else if (n.box() instanceof MovieBox) {
                moov = n;
            }
        }
        if (mdat == null || moov == null || moov.header().offset() < mdat.header().end()
                || mdat.header().largeSize()) {
            throw new IOException(good + " needs a 32-bit mdat followed by its moov");
        }
        long cut = moov.header().offset();
        try (FileChannel in = FileChannel.open(good, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(broken, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < cut; ) {
                done += in.transferTo(done, cut - done, out);
            }
            out.write(ByteBuffer.allocate(4), mdat.header().offset());
        }
    }
}

package dev.bmff.rsv;

import dev.bmff.recover.BrokenFile;
import dev.bmff.recover.LayoutRepair;
import dev.bmff.recover.RepairOptions;
import dev.bmff.recover.RepairReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Lets {@code Recovery.repair(reference, broken, out)} recognize RSV files (an rtmd packet at offset 0) and hand them
 * to {@link RsvRecovery}. Found by {@link java.util.ServiceLoader}: {@code provides} in this module's descriptor,
 * {@code META-INF/services} on the class path.
 */
public final class RsvLayoutRepair implements LayoutRepair {
    /** For the service loader. */
    public RsvLayoutRepair() {
    }

    @Override
    public String layoutName() {
        return "a Sony RSV file (an interrupted recording: GOP blocks without an index)";
    }

    @Override
    public boolean recognizes(ByteBuffer head) {
        return RsvLayout.startsWithRtmd(head);
    }

    @Override
    public RepairReport repair(Path reference, BrokenFile broken, Path out, RepairOptions options) throws IOException {
        return RsvRecovery.repair(reference, broken, out, options);
    }
}

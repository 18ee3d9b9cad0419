package dev.bmff.recover;

import java.nio.file.Path;

/**
 * The repair {@link HugeRepairTest} runs in a child JVM with a small heap:
 * {@code HugeRepairChild REFERENCE BROKEN OUT [--in-place]}. Prints the report, then one line per track
 * {@code track=ID samples=N} and {@code millis=N}; exits 0 when the repair was complete, 2 when partial. (The
 * peak heap comes from the JVM's GC log: this module does not read java.management.)
 */
final class HugeRepairChild {
    private HugeRepairChild() {
    }

    public static void main(String[] args) throws Exception {
        RepairOptions options = RepairOptions.defaults().withInPlace(args.length > 3 && args[3].equals("--in-place"));
        long start = System.nanoTime();
        RepairReport report = Recovery.repair(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), options);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.print(report);
        for (TrackReport t : report.tracks()) {
            System.out.println("track=" + t.trackId() + " samples=" + t.samples());
        }
        System.out.println("millis=" + millis);
        System.exit(report.isComplete() ? 0 : 2);
    }
}

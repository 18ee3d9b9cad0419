package dev.bmff.core.write;

import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The process {@link CrashTest} kills: records the samples of a fixture, looped with increasing decode
 * times, slowly, and says on stdout what it fed ({@code W video audio}) and each write it finished
 * ({@code S step}). Arguments: HYBRID|FRAGMENTED, fixture, output, loops, sleep per sample (ms), sleep per
 * finalize step (ms), EVERY_FRAGMENT|NONE (forces after every fragment, committed on the writer's commit
 * thread while the next fragment is written; or none, each fragment committed at once).
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean hybrid = args[0].equals("HYBRID");
        SourceMedia src = SourceMedia.read(Path.of(args[1]));
        Path out = Path.of(args[2]);
        int loops = Integer.parseInt(args[3]);
        long sleep = Long.parseLong(args[4]);
        long finalizeSleep = Long.parseLong(args[5]);
        Durability durability = args[6].equals("NONE") ? Durability.none() : Durability.everyFragment();
        PrintStream o = System.out;
        boolean[] closing = {false};
        FragmentStream.WriteHook hook = step -> {
            o.println("S " + step);
            o.flush();
            if (closing[0]) {
                try {
                    Thread.sleep(finalizeSleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        Duration max = Duration.ofSeconds(2);
        Mp4Writer w = hybrid
                ? HybridWriter.create(ch, src.specs(), HybridWriter.Options.defaults().withMaxFragmentDuration(max)
                        .withDurability(durability), hook)
                : FragmentedWriter.create(ch, src.specs(), FragmentedWriter.Options.defaults()
                        .withMaxFragmentDuration(max).withDurability(durability), hook);
        long[] span = new long[src.specs().size()];
        for (Sample s : src.samples()) {
            span[s.track()] = Math.max(span[s.track()], s.dts() + s.duration());
        }
        long[] fed = new long[2];
        for (int loop = 0; loop < loops; loop++) {
            for (Sample s : src.samples()) {
                long shift = loop * span[s.track()];
                w.write(new Sample(s.track(), s.data(), s.dts() + shift, s.compositionOffset(), s.duration(),
                        s.sync()));
                fed[s.track()]++;
                o.println("W " + fed[0] + " " + fed[1]);
                Thread.sleep(sleep);
            }
        }
        o.println("CLOSING");
        o.flush();
        closing[0] = true;
        w.close();
        o.println("DONE");
        o.flush();
    }
}

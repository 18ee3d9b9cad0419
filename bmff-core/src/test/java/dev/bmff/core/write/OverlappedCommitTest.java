package dev.bmff.core.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.index.SampleIndex;
import dev.bmff.core.io.BoxReader;
import dev.bmff.core.io.ReadOptions;
import dev.bmff.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fragment commits that run on their own thread ({@link FragmentCommits}): the same bytes as committing
 * each fragment before writing the next, never a {@code moof} before a force that began after its last byte
 * was written, forces that overlap the writing of the next fragment, and a failed force that reaches the
 * caller with every fragment committed before it still in the file.
 */
class OverlappedCommitTest {
    @TempDir
    Path dir;

    private static final Duration FRAGMENT = Duration.ofMillis(300);

    private static Mp4Writer open(WriterInteropTest.Kind kind, FileChannel ch, SourceMedia src, Durability d)
            throws IOException {
        return kind == WriterInteropTest.Kind.HYBRID
                ? HybridWriter.create(ch, src.specs(), HybridWriter.Options.defaults().withMaxFragmentDuration(FRAGMENT)
                        .withDurability(d), FragmentStream.WriteHook.NONE)
                : FragmentedWriter.create(ch, src.specs(), FragmentedWriter.Options.defaults()
                        .withMaxFragmentDuration(FRAGMENT).withDurability(d), FragmentStream.WriteHook.NONE);
    }

    private static FileChannel create(Path out) throws IOException {
        return FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    @ParameterizedTest
    @EnumSource(WriterInteropTest.Kind.class)
    void overlappedCommits_writeTheSameBytesAsOneFragmentAtATime(WriterInteropTest.Kind kind) throws IOException {
        SourceMedia src = SourceMedia.read(Fixtures.file("h264-aac.mp4"));
        Path overlapped = dir.resolve("overlapped.mp4");
        Path inline = dir.resolve("inline.mp4");
        Path none = dir.resolve("none.mp4");
        Path interval = dir.resolve("interval.mp4");
        writeAll(open(kind, create(overlapped), src, Durability.everyFragment()), src, -1);
        writeAll(open(kind, create(inline), src, Durability.everyFragment()), src, 0);
        writeAll(open(kind, create(none), src, Durability.none()), src, -1);
        writeAll(open(kind, create(interval), src, Durability.atInterval(Duration.ofMillis(1))), src, -1);
        byte[] expected = Files.readAllBytes(inline);
        assertArrayEquals(expected, Files.readAllBytes(overlapped), kind + ": overlapped commits");
        assertArrayEquals(expected, Files.readAllBytes(none), kind + ": without forces");
        assertArrayEquals(expected, Files.readAllBytes(interval), kind + ": forces at an interval");
        WriterInteropTest.assertSameSamples(src, overlapped);
    }

    private static void writeAll(Mp4Writer w, SourceMedia src, int inFlight) throws IOException {
        if (inFlight >= 0) {
            ((FragmentFile) w).commitsInFlight(inFlight);
        }
        try (w) {
            for (Sample s : src.samples()) {
                w.write(s);
            }
        }
    }

    /** One operation on the channel, numbered in the order the operations began and ended. */
    private record Event(String kind, long position, long end, long begun, long ended) {
    }

    @Test
    void everyMoofIsWrittenAfterAForceThatBeganOnceItsFragmentWasWritten_whileTheNextFragmentIsWritten()
            throws IOException {
        assertTrue(fragmentsCommittedAfterTheNextWasBegun(-1, 2000) >= 2, "forces overlapped the writing");
        // The twin that commits each fragment before writing the next: same order, no overlap.
        assertEquals(0, fragmentsCommittedAfterTheNextWasBegun(0, 40), "forces overlapped the writing without a thread");
    }

    /**
     * Writes the fixture through a channel with slow forces, checks that each moof was flipped after a force
     * that began once its fragment was written, in order, and counts the fragments whose moof was flipped only
     * after bytes of a later fragment were written. A force lasts until the writer writes data again, at most
     * {@code slowMillis}: a slow device. The count does not depend on when the commit thread is scheduled: a
     * writer that does not wait for the commit either writes the next fragment's bytes during the force (which
     * waits for them) or, when the thread came late, wrote them already before the force began.
     */
    private int fragmentsCommittedAfterTheNextWasBegun(int inFlight, long slowMillis) throws IOException {
        SourceMedia src = SourceMedia.read(Fixtures.file("h264-aac.mp4"));
        Path out = dir.resolve("order-" + inFlight + ".mp4");
        AtomicLong clock = new AtomicLong();
        List<Event> events = java.util.Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Long> forceBegun = new ThreadLocal<>();
        Object dataWritten = new Object();
        AtomicLong dataWrites = new AtomicLong();
        FailingChannel.Observer observer = new FailingChannel.Observer() {
            @Override
            public void beforeForce() {
                forceBegun.set(clock.incrementAndGet());
                long seen = dataWrites.get();
                long until = System.nanoTime() + slowMillis * 1_000_000;
                synchronized (dataWritten) {
                    for (long left = slowMillis; dataWrites.get() == seen && left > 0;
                            left = (until - System.nanoTime()) / 1_000_000) {
                        try {
                            dataWritten.wait(left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }

            @Override
            public void afterForce() {
                events.add(new Event("force", 0, 0, forceBegun.get(), clock.incrementAndGet()));
            }

            @Override
            public void wrote(long position, ByteBuffer bytes, boolean relative) {
                long t = clock.incrementAndGet();
                boolean flip = !relative && bytes.remaining() == 4
                        && StandardCharsets.US_ASCII.decode(bytes.duplicate()).toString().equals("moof");
                events.add(new Event(flip ? "flip" : relative ? "data" : "write", position,
                        position + bytes.remaining(), t, t));
                if (relative) {
                    synchronized (dataWritten) {
                        dataWrites.incrementAndGet();
                        dataWritten.notifyAll();
                    }
                }
            }
        };
        FileChannel ch = new FailingChannel(create(out), Long.MAX_VALUE, observer);
        writeAll(FragmentedWriter.create(ch, src.specs(), FragmentedWriter.Options.defaults()
                .withMaxFragmentDuration(FRAGMENT), FragmentStream.WriteHook.NONE), src, inFlight);

        List<long[]> fragments = fragments(out); // {moof offset, end of its mdat}
        assertTrue(fragments.size() >= 5, "fragments: " + fragments.size());
        List<Event> log;
        synchronized (events) {
            log = new ArrayList<>(events);
        }
        for (long[] f : fragments) {
            Event flip = log.stream().filter(e -> e.kind().equals("flip") && e.position() == f[0] + 4).findFirst()
                    .orElseThrow(() -> new AssertionError("no flip of the moof at " + f[0]));
            long lastByte = log.stream().filter(e -> e.kind().equals("data") && e.position() < f[1]
                    && e.end() > f[0]).mapToLong(Event::ended).max().orElseThrow();
            boolean forced = log.stream().anyMatch(e -> e.kind().equals("force") && e.begun() > lastByte
                    && e.ended() < flip.begun());
            assertTrue(forced, "the moof at " + f[0] + " was flipped without a force after its last byte");
        }
        // Flips in file order: the order the fragments were written.
        List<Long> flips = log.stream().filter(e -> e.kind().equals("flip")).map(Event::position).toList();
        assertEquals(fragments.size(), flips.size(), "one flip per fragment");
        assertEquals(flips.stream().sorted().toList(), flips, "flips in order");
        int overlapping = 0;
        for (long[] f : fragments) {
            long flipped = log.stream().filter(e -> e.kind().equals("flip") && e.position() == f[0] + 4)
                    .mapToLong(Event::begun).findFirst().orElseThrow();
            if (log.stream().anyMatch(e -> e.kind().equals("data") && e.position() >= f[1]
                    && e.begun() < flipped)) {
                overlapping++;
            }
        }
        return overlapping;
    }

    @ParameterizedTest
    @EnumSource(WriterInteropTest.Kind.class)
    void aFailedForce_reachesTheCaller_andTheFileKeepsEveryFragmentCommittedBefore(WriterInteropTest.Kind kind)
            throws IOException {
        SourceMedia src = SourceMedia.read(Fixtures.file("h264-aac.mp4"));
        for (int failing : new int[] {1, 2, 3}) { // at least 4 forces: 8 fragments, at most 2 a force
            Path out = dir.resolve(kind + "-force-" + failing + ".mp4");
            AtomicInteger forces = new AtomicInteger();
            AtomicInteger flips = new AtomicInteger();
            FailingChannel.Observer observer = new FailingChannel.Observer() {
                @Override
                public void beforeForce() throws IOException {
                    sleep(5);
                    if (forces.incrementAndGet() == failing) {
                        throw new IOException("Input/output error (injected force " + failing + ")");
                    }
                }

                @Override
                public void wrote(long position, ByteBuffer bytes, boolean relative) {
                    if (!relative && bytes.remaining() == 4 && bytes.get(bytes.position()) == 'm') {
                        flips.incrementAndGet();
                    }
                }
            };
            Mp4Writer w = open(kind, new FailingChannel(create(out), Long.MAX_VALUE, observer), src,
                    Durability.everyFragment());
            IOException error = null;
            try (w) {
                for (Sample s : src.samples()) {
                    w.write(s);
                }
            } catch (IOException e) {
                error = e;
            }
            assertNotNull(error, kind + ": the failed force " + failing + " was not reported");
            assertTrue(error.getMessage().contains("injected force " + failing), error.getMessage());
            IOException again = assertThrows(IOException.class, () -> w.write(src.samples().get(0)));
            assertTrue(again.getMessage().contains("earlier error") || again.getMessage().contains("closed"),
                    again.getMessage());
            long[] indexed = indexedCounts(out);
            assertArrayEquals(indexed, Tools.playsWhatItHolds(out, 2), kind + " force " + failing);
            // Not finalized: the fragments flipped before the failure, and nothing after it.
            assertEquals(flips.get(), fragments(out).size(), kind + " force " + failing + ": committed fragments");
            assertTrue(failing == 1 ? indexed[0] == 0 : indexed[0] > 0, kind + " force " + failing + ": "
                    + indexed[0] + " pictures kept");
        }
    }

    /** The moof+mdat pairs of a fragmented file: {moof offset, end of the mdat after it}. */
    private static List<long[]> fragments(Path file) throws IOException {
        List<long[]> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = 0;
            long moof = -1;
            ByteBuffer h = ByteBuffer.allocate(16);
            while (at + 8 <= ch.size()) {
                h.clear();
                ch.read(h, at);
                long size = Integer.toUnsignedLong(h.getInt(0));
                String type = new String(h.array(), 4, 4, StandardCharsets.US_ASCII);
                if (size == 1) {
                    size = h.getLong(8);
                } else if (size == 0) {
                    size = ch.size() - at;
                }
                if (size < 8) {
                    break;
                }
                if (type.equals("moof")) {
                    moof = at;
                } else if (type.equals("mdat") && moof >= 0) {
                    out.add(new long[] {moof, at + size});
                    moof = -1;
                }
                at += size;
            }
        }
        return out;
    }

    private static long[] indexedCounts(Path file) throws IOException {
        SampleIndex index = SampleIndex.of(BoxReader.read(file, ReadOptions.lenient()), ReadOptions.Mode.LENIENT);
        long[] n = new long[2];
        for (int t = 0; t < index.tracks().size() && t < 2; t++) {
            n[t] = index.tracks().get(t).sampleCount();
        }
        return n;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

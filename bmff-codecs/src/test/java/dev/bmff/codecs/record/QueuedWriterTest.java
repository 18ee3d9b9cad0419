package dev.bmff.codecs.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.Bytes;
import dev.bmff.core.write.Mp4Writer;
import dev.bmff.core.write.Sample;
import dev.bmff.core.write.TrackSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link QueuedWriter}: calls reach the inner writer in order, and its failure reaches the caller once. */
class QueuedWriterTest {
    /** Records what it was asked; fails at the given write (counted from 1; 0: never). */
    private static final class Log implements Mp4Writer {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final int failAt;
        final IOException failure = new IOException("disk full");

        Log(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public List<TrackSpec> tracks() {
            return List.of();
        }

        @Override
        public void write(Sample sample) throws IOException {
            calls.add("write " + sample.dts());
            if (calls.size() == failAt) {
                throw failure;
            }
        }

        @Override
        public void flush() {
            calls.add("flush");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private static Sample sample(long dts) {
        return new Sample(0, Bytes.of(new byte[1000]), dts, 0, 1, true);
    }

    @Test
    void callsArriveInOrderAndCloseWaitsForThem() throws IOException {
        Log log = new Log(0);
        QueuedWriter w = new QueuedWriter(log);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            w.write(sample(i));
            expected.add("write " + i);
            if (i % 100 == 99) {
                w.flush();
                expected.add("flush");
                assertEquals(expected, List.copyOf(log.calls), "a flush returns once done");
            }
        }
        w.close();
        w.close();
        expected.add("close");
        assertEquals(expected, log.calls);
        assertThrows(IOException.class, () -> w.write(sample(0)));
    }

    @Test
    void failureComesBackOnceThenTheInnerWriterIsClosed() throws IOException {
        Log log = new Log(3);
        QueuedWriter w = new QueuedWriter(log);
        IOException thrown = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                w.write(sample(i));
                w.flush();
            }
        });
        assertSame(log.failure, thrown);
        w.close(); // already reported: not thrown again (a recorder closes after a failure)
        assertTrue(log.calls.contains("close"), log.calls.toString());
    }
}

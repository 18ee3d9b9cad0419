package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link AsciiLines} writes what {@link Long#toString(long)} and a {@code StringBuilder} would, across buffer ends. */
class AsciiLinesProperties {
    @Property(tries = 200)
    void numbersAndTextAsStringBuilderWritesThem(@ForAll List<Long> values, @ForAll boolean minMax) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsciiLines w = new AsciiLines(out);
        StringBuilder expected = new StringBuilder();
        // Enough lines to cross the 64 KiB buffer several times at varying positions.
        for (int round = 0; round < 400; round++) {
            for (long v : values) {
                w.put(v).put(',');
                expected.append(v).append(',');
            }
            if (minMax) {
                w.put(Long.MIN_VALUE).put(' ').put(Long.MAX_VALUE).put(0L);
                expected.append(Long.MIN_VALUE).append(' ').append(Long.MAX_VALUE).append(0L);
            }
            w.put("track,index").put('\n');
            expected.append("track,index").append('\n');
        }
        w.flush();
        assertEquals(expected.toString(), out.toString(StandardCharsets.US_ASCII));
    }
}

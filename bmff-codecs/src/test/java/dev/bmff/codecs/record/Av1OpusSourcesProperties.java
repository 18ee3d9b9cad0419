package dev.bmff.codecs.record;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.av1.Av1OpusMedia;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The AV1 (IVF, OBU) and Ogg Opus sources on random and mutated bytes (ffmpeg's streams with a byte changed and
 * cut): every sample read, or an IOException, nothing else.
 */
class Av1OpusSourcesProperties {
    @Property(tries = 300)
    void randomBytes_readOrIOException(@ForAll @Size(max = 300) byte[] data) {
        readAll(data);
    }

    @Property(tries = 300)
    void mutatedStreams_readOrIOException(@ForAll @IntRange(max = 2) int which, @ForAll @IntRange(max = 100_000) int at,
            @ForAll byte value, @ForAll @IntRange(max = 100_000) int cut) throws IOException {
        String name = new String[] {"av1.ivf", "av1.obu", "opus.opus"}[which];
        byte[] d = Files.readAllBytes(Av1OpusMedia.dir().resolve(name));
        d[at % d.length] = value;
        readAll(Arrays.copyOf(d, d.length - cut % d.length));
    }

    /** Found by mutatedStreams (seed 6728438941915725656): an IVF signature with the header cut at 11 bytes. */
    @Example
    void ivfHeaderCut_isAnIOException() {
        byte[] cut = {'D', 'K', 'I', 'F', 0, 0, 32, 0, 'A', 'V', '0'};
        IOException e = assertThrows(IOException.class,
                () -> Av1Source.open(new BufferedInputStream(new ByteArrayInputStream(cut)), 25, 1));
        assertTrue(e.getMessage().contains("IVF"), e.getMessage());
    }

    private static void readAll(byte[] data) {
        for (int kind = 0; kind < 2; kind++) {
            try {
                TrackSource s = kind == 0 ? Av1Source.open(new BufferedInputStream(new ByteArrayInputStream(data)), 25, 1)
                        : OggOpusSource.open(new ByteArrayInputStream(data));
                s.track();
                while (s.next() != null) {
                    // every sample
                }
            } catch (IOException expected) {
                // the one documented failure
            }
        }
    }
}

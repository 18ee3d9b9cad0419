package dev.bmff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.BoxTypes;
import dev.bmff.core.box.ChunkLargeOffsetBox;
import dev.bmff.core.box.DataInformationBox;
import dev.bmff.core.box.DataReferenceBox;
import dev.bmff.core.box.FileTypeBox;
import dev.bmff.core.box.HandlerBox;
import dev.bmff.core.box.LongArray;
import dev.bmff.core.box.Matrix;
import dev.bmff.core.box.MediaBox;
import dev.bmff.core.box.MediaHeaderBox;
import dev.bmff.core.box.MediaInformationBox;
import dev.bmff.core.box.MovieBox;
import dev.bmff.core.box.MovieHeaderBox;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.SampleDescriptionBox;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SampleTableBox;
import dev.bmff.core.box.SampleToChunkBox;
import dev.bmff.core.box.SyncSampleBox;
import dev.bmff.core.box.TimeToSampleBox;
import dev.bmff.core.box.TrackBox;
import dev.bmff.core.box.TrackHeaderBox;
import dev.bmff.core.box.VideoMediaHeaderBox;
import dev.bmff.core.box.VisualSampleEntry;
import dev.bmff.core.io.BoxWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file larger than 8 GiB (sparse: the media data is never written), read by {@code bmff} in a child JVM
 * with a 48 MB heap: 64-bit mdat size, co64 chunk offsets past 4 GiB and 8 GiB.
 */
class LargeFileTest {

    private static final long GIB = 1L << 30;
    /** The mdat payload: 9 GiB of which only the three samples are written. */
    private static final long MDAT_PAYLOAD = 9 * GIB;
    private static final int SAMPLE_SIZE = 4096;

    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createDirectories(Path.of("target", "large-file-test")).toAbsolutePath();
    }

    @AfterEach
    void deleteFiles() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Test
    void inspectAndSamples_sparseFileOver8GiB_show64BitSizesAndOffsets() throws Exception {
        assertSparseFilesSupported();
        Path file = dir.resolve("large.mp4");

        byte[] ftyp = BoxWriter.toBytes(new FileTypeBox(BoxTypes.FTYP, FourCC.of("isom"), 512,
                List.of(FourCC.of("isom"), FourCC.of("iso2"), FourCC.of("avc1"), FourCC.of("mp41"))));
        long mdatOffset = ftyp.length;
        long payload = mdatOffset + 16;
        long mdatSize = 16 + MDAT_PAYLOAD;
        // Three chunks of one sample each: at the start of the data, past 4 GiB and past 8 GiB.
        long[] offsets = {payload, payload + 4 * GIB + 123, payload + 8 * GIB + 4567};
        long moovOffset = mdatOffset + mdatSize;
        byte[] moov = BoxWriter.toBytes(movie(offsets));

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            write(ch, 0, ftyp);
            ByteBuffer header = ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes(StandardCharsets.US_ASCII))
                    .putLong(mdatSize).flip();
            write(ch, mdatOffset, header.array());
            for (int i = 0; i < offsets.length; i++) {
                byte[] sample = new byte[SAMPLE_SIZE];
                Arrays.fill(sample, (byte) (0xA0 + i));
                write(ch, offsets[i], sample);
            }
            write(ch, moovOffset, moov);
        }
        long size = Files.size(file);
        assertEquals(moovOffset + moov.length, size);
        assertTrue(size > 8 * GIB);

        Child inspect = runChild("inspect", file.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("mdat @" + mdatOffset + " size " + mdatSize + " (64-bit size)"),
                inspect.out());
        assertTrue(inspect.out().contains("moov @" + moovOffset + " size " + moov.length), inspect.out());
        assertTrue(inspect.out().lines().anyMatch(l -> l.strip().startsWith("co64 @") && l.contains("entry_count=3")
                && l.contains("first=[" + offsets[0] + ", " + offsets[1] + ", " + offsets[2] + "]")), inspect.out());
        assertTrue(!inspect.out().contains("problem"), inspect.out());

        Child samples = runChild("samples", file.toString());
        assertEquals(0, samples.code(), samples.err());
        assertEquals("", samples.err());
        List<String> expected = new ArrayList<>();
        expected.add("track,index,offset,size,dts,cts,duration,sync");
        for (int i = 0; i < offsets.length; i++) {
            expected.add("1," + i + "," + offsets[i] + "," + SAMPLE_SIZE + "," + (i * 512) + "," + (i * 512)
                    + ",512," + (i == 0 ? 1 : 0));
        }
        assertEquals(expected, samples.out().lines().toList());
        assertTrue(offsets[1] > 4 * GIB && offsets[2] > 8 * GIB);
    }

    /** A moov with one video track whose three chunk offsets are {@code offsets}, in a co64. */
    private static MovieBox movie(long[] offsets) {
        int n = offsets.length;
        Box avc1 = VisualSampleEntry.of(FourCC.of("avc1"), 320, 240,
                List.of(RawBox.of(FourCC.of("avcC"), new byte[] {1, 0x64, 0, 0x0d, (byte) 0xff, (byte) 0xe0, 0})));
        Box stbl = new SampleTableBox(List.of(
                new SampleDescriptionBox(0, 0, List.of(avc1)),
                new TimeToSampleBox(0, 0, LongArray.of(n), LongArray.of(512)),
                new SyncSampleBox(0, 0, LongArray.of(1)),
                new SampleToChunkBox(0, 0, LongArray.of(1), LongArray.of(1), LongArray.of(1)),
                SampleSizeBox.of(LongArray.of(SAMPLE_SIZE, SAMPLE_SIZE, SAMPLE_SIZE)),
                new ChunkLargeOffsetBox(0, 0, LongArray.of(offsets))));
        Box dinf = new DataInformationBox(List.of(new DataReferenceBox(0, 0,
                List.of(RawBox.of(FourCC.of("url "), new byte[] {0, 0, 0, 1})))));
        Box minf = new MediaInformationBox(List.of(new VideoMediaHeaderBox(0, 1, 0, 0, 0, 0), dinf, stbl));
        Box mdia = new MediaBox(List.of(MediaHeaderBox.of(12800, 512L * n, "und"),
                HandlerBox.of(HandlerBox.VIDEO, "VideoHandler"), minf));
        Box tkhd = new TrackHeaderBox(0, 3, 0, 0, 1, 40L * n, 0, 0, 0, Matrix.IDENTITY, 320L << 16, 240L << 16);
        return new MovieBox(List.of(MovieHeaderBox.of(1000, 40L * n, 2), new TrackBox(List.of(tkhd, mdia))));
    }

    private static void write(FileChannel ch, long position, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
    }

    /**
     * Writes one byte 2 GiB into a probe file and checks the file system did not allocate the gap, so the
     * real test never fills the disk with 9 GiB of zeros.
     */
    private void assertSparseFilesSupported() throws IOException {
        Path probe = dir.resolve("sparse-probe");
        FileStore store = Files.getFileStore(dir);
        long before = store.getUsableSpace();
        if (before < 2 * GIB) {
            fail("LargeFileTest needs some free space in " + dir + " (has " + before + " bytes)");
        }
        try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            write(ch, 2 * GIB, new byte[] {1});
            ch.force(true);
        }
        long used = before - store.getUsableSpace();
        Files.delete(probe);
        if (used > GIB / 2) {
            fail("the file system of " + dir + " (" + store.type() + ") does not support sparse files: a 2 GiB file"
                    + " with one byte written used " + used + " bytes; LargeFileTest needs sparse files to build a"
                    + " file over 8 GiB without writing it");
        }
    }

    record Child(int code, String out, String err) {
    }

    /** {@code java -Xmx48m -cp <test class path> dev.bmff.cli.Main args...} */
    private Child runChild(String... args) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Surefire starts the tests with a manifest-only jar; it names the real class path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx48m", "-cp", classPath, Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child-" + args[0] + ".out");
        Path err = dir.resolve("child-" + args[0] + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("bmff " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}

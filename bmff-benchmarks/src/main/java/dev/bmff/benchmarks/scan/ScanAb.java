package dev.bmff.benchmarks.scan;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the start-code scanners, each in a class loader of its own, timed in turns in one JVM:
 * on a host shared with other work the load changes from second to second, and only rounds that alternate
 * the two builds (and a read-only pass) keep their ratio meaningful.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.bmff.benchmarks.scan.ScanAb
 * BEFORE.jar AFTER.jar [ROUNDS]}; the scan data must exist ({@link ScanData}). Prints, per data, memory and
 * kernel, the median GB/s of each build and after / before.
 */
public final class ScanAb {
    private ScanAb() {
    }

    /** find(data...) of one build's scanner, by reflection (the two builds' classes differ). */
    private record Scanner(Object scanner, Method onArray, Method onBuffer) {
        long count(byte[] a, ByteBuffer b) throws Exception {
            long n = 0;
            int to = a != null ? a.length : b.limit();
            if (a != null) {
                for (int at = (int) onArray.invoke(scanner, a, 0, to); at >= 0;
                        at = (int) onArray.invoke(scanner, a, at + 1, to)) {
                    n++;
                }
            } else {
                for (int at = (int) onBuffer.invoke(scanner, b, 0, to); at >= 0;
                        at = (int) onBuffer.invoke(scanner, b, at + 1, to)) {
                    n++;
                }
            }
            return n;
        }
    }

    private static Scanner load(ClassLoader l, String factory) throws Exception {
        Class<?> ps = l.loadClass("dev.bmff.codecs.scan.PatternScanner");
        Class<?> bp = l.loadClass("dev.bmff.codecs.scan.BytePattern");
        Object pattern = bp.getField("ANNEX_B_START_CODE").get(null);
        Object s = ps.getMethod(factory, bp).invoke(null, pattern);
        return new Scanner(s, ps.getMethod("find", byte[].class, int.class, int.class),
                ps.getMethod("find", ByteBuffer.class, int.class, int.class));
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        List<String> lines = new ArrayList<>();
        try (URLClassLoader before = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()}, null);
                URLClassLoader after = new URLClassLoader(new URL[] {Path.of(args[1]).toUri().toURL()}, null)) {
            for (String data : List.of("cavlc", "cabac")) {
                Path file = ScanData.file(data, "annexb");
                byte[] array = Files.readAllBytes(file);
                ByteBuffer mapped = map(file);
                for (String kernel : List.of("of", "scalarOf")) {
                    Scanner b = load(before, kernel);
                    Scanner a = load(after, kernel);
                    for (boolean heap : new boolean[] {true, false}) {
                        byte[] arr = heap ? array : null;
                        ByteBuffer buf = heap ? null : mapped;
                        long expected = b.count(arr, buf);
                        if (a.count(arr, buf) != expected) {
                            throw new AssertionError("the builds disagree on " + data);
                        }
                        double[] tb = new double[rounds];
                        double[] ta = new double[rounds];
                        for (int r = 0; r < rounds; r++) {
                            tb[r] = time(b, arr, buf);
                            ta[r] = time(a, arr, buf);
                        }
                        double gb = median(tb);
                        double ga = median(ta);
                        lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f |", data,
                                heap ? "heap" : "mapped", kernel.equals("of") ? "fast" : "scalar",
                                array.length / gb / 1e9, array.length / ga / 1e9, gb / ga));
                    }
                }
            }
        }
        System.out.println("| data | memory | kernel | before GB/s | after GB/s | after / before |");
        System.out.println("|---|---|---|---|---|---|");
        lines.forEach(System.out::println);
    }

    private static double time(Scanner s, byte[] a, ByteBuffer b) throws Exception {
        long t0 = System.nanoTime();
        s.count(a, b);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] t) {
        double[] c = t.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            m.load();
            return m;
        }
    }
}

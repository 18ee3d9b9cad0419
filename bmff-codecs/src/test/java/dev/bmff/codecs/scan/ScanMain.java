package dev.bmff.codecs.scan;

/** Run by {@link IncubatorWarningTest} in a child JVM: scans a small buffer and prints the kernel used. */
public final class ScanMain {
    private ScanMain() {
    }

    public static void main(String[] args) {
        byte[] data = new byte[1000];
        for (int at : new int[] {5, 300, 990}) {
            data[at + 2] = 1; // 00 00 01
        }
        data[500] = 0;
        data[503] = 8;
        System.arraycopy("moov".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, data, 504, 4);
        data[700] = 0;
        data[703] = 16;
        System.arraycopy("mdat".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, data, 704, 4);
        PatternScanner starts = PatternScanner.of(BytePattern.ANNEX_B_START_CODE);
        BoxHeaderScanner boxes = BoxHeaderScanner.ofDefaultTypes();
        long n = starts.findAll(data, 0, data.length).count();
        long b = boxes.findAll(data, 0, data.length).count();
        System.out.println((starts.isVectorized() && boxes.isVectorized() ? "vector " : "scalar ") + n + " " + b);
    }
}

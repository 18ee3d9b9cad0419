package dev.bmff.recover.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.mpeg4.Mpeg4VideoConfig;
import dev.bmff.codecs.mpeg4.StartCodes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The MPEG-4 Part 2, Motion JPEG and ProRes matchers on random bytes (with their signatures planted): a match, if
 * any, lies inside the data; nothing but an IOException escapes; and each quick scan finds exactly the candidates
 * its byte-by-byte twin finds.
 */
class FrameMatchersProperties {
    /** ffmpeg's mpeg4 headers for 64x48 at 25 fps (VOS, VO, VOL, user data). */
    private static final byte[] MPEG4_HEADERS = HexFormat.of().parseHex("000001b0f1000001b5a913000001000000012008d48d"
            + "0800cd02040614103f000001b24c61766335392e33372e313030");
    private static final byte[][] SIGNATURES = {
        {0, 0, 1, (byte) 0xB6}, {0, 0, 1, (byte) 0xB3}, {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB},
        {(byte) 0xFF, (byte) 0xD9}, {0, 0, 2, 0, 'i', 'c', 'p', 'f'}};

    private static List<SampleMatcher> matchers() throws Exception {
        return List.of(new Mpeg4Matcher(Mpeg4VideoConfig.parse(MPEG4_HEADERS).vol(), Set.of(StartCodes.GOV), true,
                1 << 20), new MotionJpegMatcher(1, 64, 48, 1 << 20), new MotionJpegMatcher(2, 64, 48, 1 << 20),
                new ProResMatcher(64, 48, 2, 1 << 20));
    }

    /** {@code data} with signatures planted at the given places, so the matchers get past their first checks. */
    private static byte[] planted(byte[] data, List<Integer> places) {
        byte[] out = data.clone();
        int k = 0;
        for (int at : places) {
            byte[] sig = SIGNATURES[k++ % SIGNATURES.length];
            if (out.length > 0) {
                int p = at % out.length;
                System.arraycopy(sig, 0, out, p, Math.min(sig.length, out.length - p));
            }
        }
        return out;
    }

    @Property(tries = 300)
    void matchers_onRandomBytes_matchInsideTheDataOrNot(@ForAll @Size(max = 600) byte[] random,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 599) Integer> places) throws Exception {
        byte[] data = planted(random, places);
        Path file = Files.createTempFile("frame-matchers", ".bin");
        try {
            Files.write(file, data);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                MediaWindow w = new MediaWindow(ch, 0, data.length);
                SampleMatcher.StartCheck any = new SampleMatcher.StartCheck() {
                    @Override
                    public boolean startsAt(long pos) {
                        return true;
                    }

                    @Override
                    public boolean strongStartAt(long pos) {
                        return false;
                    }
                };
                for (SampleMatcher m : matchers()) {
                    for (int pos = 0; pos < data.length; pos++) {
                        for (Match x : new Match[] {m.match(w, pos, any, false), m.unconfirmed(w, pos)}) {
                            if (x != null) {
                                assertTrue(pos + x.length() <= data.length, m + " at " + pos + ": " + x);
                                m.commit(x);
                            }
                        }
                        m.startsHere(w, pos);
                    }
                }
            }
        } catch (IOException expected) {
            // a typed failure is allowed
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 300)
    void quickScans_equalTheirByteByByteTwins(@ForAll @Size(max = 300) byte[] random,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 299) Integer> places,
            @ForAll @IntRange(min = 0, max = 300) int from) throws Exception {
        byte[] data = planted(random, places);
        for (SampleMatcher m : matchers()) {
            int need = m.quickCheckBytes();
            int to = data.length - need + 1;
            int start = Math.min(from, Math.max(0, to));
            int expected = -1;
            for (int i = start; i < to; i++) {
                if (twin(m, data, i)) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, to <= start ? -1 : m.nextCandidate(data, start, to), m.toString());
        }
    }

    /** What each quick test accepts, byte by byte. */
    private static boolean twin(SampleMatcher m, byte[] d, int i) {
        if (m instanceof ProResMatcher) {
            return d[i + 4] == 'i' && d[i + 5] == 'c' && d[i + 6] == 'p' && d[i + 7] == 'f';
        }
        if (m instanceof MotionJpegMatcher) {
            int next = d[i + 3] & 0xFF;
            boolean marker = (next >= 0xE0 && next <= 0xEF) || next == 0xDB || next == 0xC4 || next == 0xFE
                    || next == 0xDD || (next >= 0xC0 && next <= 0xCF && next != 0xC4 && next != 0xC8 && next != 0xCC);
            return d[i] == (byte) 0xFF && d[i + 1] == (byte) 0xD8 && d[i + 2] == (byte) 0xFF && marker;
        }
        int code = d[i + 3] & 0xFF;
        return d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1 && (code == 0xB6 || code == 0xB3);
    }
}

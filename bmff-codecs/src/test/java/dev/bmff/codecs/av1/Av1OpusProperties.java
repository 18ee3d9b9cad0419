package dev.bmff.codecs.av1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.opus.OpusConfiguration;
import dev.bmff.codecs.opus.OpusPacket;
import dev.bmff.core.box.Bytes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Every AV1 and Opus parser against random and mutated bytes: a result or a BitstreamException, nothing else; and
 * the records' own round trips.
 */
class Av1OpusProperties {
    /** A real sequence header OBU (libaom, 64x48 4:2:0 8-bit) and av1C, dOps and a TOC-led packet to mutate. */
    private static final byte[] SEQUENCE_OBU = hex("0a0a00000002aff79b5f2008");
    private static final byte[] AV1C = hex("81000c000a0a00000002aff79b5f2008");
    private static final byte[] DOPS = hex("000201380000bb80000000");
    /** A temporal delimiter, the sequence header, and a frame OBU whose header starts a shown key frame. */
    private static final byte[] TU = hex("12000a0a00000002aff79b5f20083203100000");

    @Property(tries = 2000)
    void randomBytes_parseOrBitstreamException(@ForAll @Size(max = 64) byte[] data) {
        parseAll(data);
    }

    @Property(tries = 2000)
    void mutatedBytes_parseOrBitstreamException(@ForAll("samples") byte[] base, @ForAll @IntRange(max = 1000) int at,
            @ForAll byte value, @ForAll @IntRange(max = 40) int cut) {
        byte[] d = base.clone();
        d[at % d.length] = value;
        parseAll(java.util.Arrays.copyOf(d, Math.max(0, d.length - cut % (d.length + 1))));
    }

    @Provide
    Arbitrary<byte[]> samples() {
        return Arbitraries.of(SEQUENCE_OBU, AV1C, DOPS, TU);
    }

    @Property(tries = 1)
    void realSequenceHeader_parses_andItsUnitIsASyncSample() throws BitstreamException {
        SequenceHeader h = SequenceHeader.fromObu(SEQUENCE_OBU);
        assertEquals(64, h.maxFrameWidth());
        assertEquals(48, h.maxFrameHeight());
        assertEquals("4:2:0", h.chroma());
        assertEquals(h, Av1Configuration.parse(AV1C).sequenceHeader().orElseThrow());
        TemporalUnit tu = TemporalUnit.of(TU, null);
        assertTrue(tu.sync());
        assertEquals(TU.length - 2, tu.sample().size(), "the temporal delimiter is removed");
    }

    @Property(tries = 300)
    void leb128_writeThenRead_givesTheValue(@ForAll("sizes") long value) throws BitstreamException {
        byte[] obu = new byte[1 + 8];
        byte[] size = ObuHeader.leb128(value);
        obu[0] = 0x7A; // padding OBU with a size field
        System.arraycopy(size, 0, obu, 1, size.length);
        ObuHeader h = ObuHeader.parse(obu, 0, 1 + size.length);
        assertEquals(value, h.payloadSize());
        assertEquals(1 + size.length, h.headerLength());
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    @Property(tries = 300)
    void dOps_buildThenParse_isTheSameRecord(@ForAll("opusConfigs") OpusConfiguration c) throws BitstreamException {
        assertEquals(c, OpusConfiguration.parse(c.toBytes()));
    }

    @Provide
    Arbitrary<OpusConfiguration> opusConfigs() {
        return Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL)).as(OpusConfiguration::of);
    }

    @Property(tries = 500)
    void opusCode3Packet_ofFrames_hasTheirCountAndDuration(@ForAll @IntRange(max = 31) int config,
            @ForAll @IntRange(min = 1, max = 48) int frames, @ForAll @IntRange(max = 300) int frameBytes,
            @ForAll boolean vbr) throws BitstreamException {
        int frameSamples = OpusPacket.frameSamples(config);
        byte[] p = new byte[2 + (vbr ? frames - 1 : 0) + frames * frameBytes];
        p[0] = (byte) (config << 3 | 3);
        p[1] = (byte) ((vbr ? 0x80 : 0) | frames);
        for (int i = 0; vbr && i < frames - 1; i++) {
            if (frameBytes >= 252) {
                return; // two-byte lengths: the fixed layout above has no room
            }
            p[2 + i] = (byte) frameBytes;
        }
        if (frames * frameSamples > OpusPacket.MAX_DURATION) {
            try {
                OpusPacket.parse(p, 0, p.length);
            } catch (BitstreamException e) {
                assertEquals(BitstreamException.Kind.INVALID, e.kind());
                return;
            }
            throw new AssertionError("more than 120 ms accepted");
        }
        OpusPacket packet = OpusPacket.parse(p, 0, p.length);
        assertEquals(frames, packet.frames());
        assertEquals(frames * frameSamples, packet.durationSamples());
        if (!vbr && frames > 1 && frameBytes > 0) {
            // One byte more or less breaks the equal split (R6).
            assertTrue(fails(java.util.Arrays.copyOf(p, p.length + 1)) || (p.length - 1) % frames == 0);
        }
    }

    private static boolean fails(byte[] p) {
        try {
            OpusPacket.parse(p, 0, p.length);
            return false;
        } catch (BitstreamException e) {
            return true;
        }
    }

    static void parseAll(byte[] d) {
        List<Parser> parsers = List.of(x -> ObuHeader.parse(x, 0, x.length), Obus::split, SequenceHeader::parse,
                SequenceHeader::fromObu, x -> Av1Configuration.parse(x).sequenceHeader(), x -> TemporalUnit.of(x, null),
                x -> TemporalUnit.of(x, SequenceHeader.fromObu(SEQUENCE_OBU)), Av1Configuration::of,
                OpusConfiguration::parse, OpusConfiguration::fromOpusHead, x -> OpusPacket.parse(x, 0, x.length),
                x -> FrameHeader.parse(x, 0, x.length, SequenceHeader.fromObu(SEQUENCE_OBU)));
        for (Parser p : parsers) {
            try {
                p.parse(d);
            } catch (BitstreamException expected) {
                // the one documented failure
            } catch (Exception | Error e) {
                throw new AssertionError("on " + Bytes.of(d) + ": " + e, e);
            }
        }
    }

    @FunctionalInterface
    interface Parser {
        Object parse(byte[] data) throws Exception;
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}

package dev.bmff.codecs.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SIMD-within-a-register helpers: eight bytes tested in a handful of long operations. Words are read
 * little-endian so that the byte at the lowest address is the lowest byte and
 * {@link Long#numberOfTrailingZeros} finds the first hit.
 */
final class Swar {
    static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;

    private Swar() {
    }

    /** {@code b} in every byte lane. */
    static long broadcast(int b) {
        return (b & 0xFFL) * ONES;
    }

    /**
     * 0x80 in each byte lane of {@code x} that is zero, 0 elsewhere. Exact in every lane (unlike the
     * shorter {@code (x - 0x01..) & ~x & 0x80..}, whose borrow marks false hits above a true zero), so
     * lanes can be combined across shifts.
     */
    static long zeroLanes(long x) {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /**
     * 0x80 in every byte lane of {@code x} that is zero, and possibly in lanes above a zero lane (the
     * borrow of the subtraction): a superset that costs three operations, for candidate filters whose
     * hits are verified anyway.
     */
    static long zeroLanesApprox(long x) {
        return (x - ONES) & ~x & ~LOW7;
    }

    /** {@link #zeroLanesApprox} of {@code word ^ broadcast}: every lane equal to the byte, maybe more. */
    static long equalLanesApprox(long word, long broadcast) {
        return zeroLanesApprox(word ^ broadcast);
    }

    /** 0x80 in each byte lane of {@code word} equal to the byte {@code broadcast} repeats. */
    static long equalLanes(long word, long broadcast) {
        return zeroLanes(word ^ broadcast);
    }
}

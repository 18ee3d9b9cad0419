package dev.bmff.codecs.scan;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The door to the Vector API kernels. Only {@link FastPath} (after finding {@code jdk.incubator.vector}
 * in the boot layer) and scanners made while it said yes reach this class, so without the module it is
 * never loaded.
 */
final class VectorKernels {
    /** The widest byte species the CPU has, but at most 64 lanes so a lane mask fits in a long. */
    static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED.length() <= 64
            ? ByteVector.SPECIES_PREFERRED : ByteVector.SPECIES_512;

    private VectorKernels() {
    }

    /** False on CPUs without SIMD registers of at least 128 bits: there the scalar kernels are faster. */
    static boolean usable() {
        return SPECIES.vectorBitSize() >= 128;
    }

    static ScanKernel pattern(BytePattern pattern, ScanKernel scalar) {
        return new VectorPatternKernel(pattern, scalar);
    }

    static ScanKernel boxHeader(BoxTypeSet types, ScanKernel scalar) {
        return new VectorBoxKernel(types, scalar);
    }
}

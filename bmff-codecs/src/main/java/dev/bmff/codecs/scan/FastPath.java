package dev.bmff.codecs.scan;

/**
 * Decides once whether the Vector API kernels may be used. The incubator module
 * {@code jdk.incubator.vector} is only in the boot layer when the application was started with
 * {@code --add-modules jdk.incubator.vector}; without it no class of the vector kernels is ever loaded,
 * so no incubator warning is printed and nothing fails: the scalar kernels run instead.
 */
final class FastPath {
    private static final String MODULE = "jdk.incubator.vector";
    private static final boolean VECTOR = probe();

    private FastPath() {
    }

    /** True when the vector kernels are present, linked, and backed by real SIMD registers. */
    static boolean vector() {
        return VECTOR;
    }

    private static boolean probe() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return false;
        }
        try {
            // The only path into the vector classes; a JVM that cannot link them keeps the scalar kernels.
            return VectorKernels.usable();
        } catch (LinkageError | SecurityException e) {
            return false;
        }
    }
}

package dev.bmff.core.box;

/**
 * The 32-bit sample flags of trex, tfhd and trun (ISO/IEC 14496-12, 8.8.3.1).
 *
 * <pre>{@code
 * boolean key = SampleFlags.isSync(trun.firstSampleFlags());
 * }</pre>
 */
public final class SampleFlags {
    /** sample_is_non_sync_sample. */
    public static final int NON_SYNC = 0x0001_0000;
    /** sample_depends_on == 1: the sample depends on others (not an I picture). */
    public static final int DEPENDS_ON_OTHERS = 0x0100_0000;
    /** sample_depends_on == 2: the sample does not depend on others. */
    public static final int DEPENDS_ON_NONE = 0x0200_0000;

    /** Flags of a keyframe as ffmpeg and most muxers write them. */
    public static final long SYNC_SAMPLE = DEPENDS_ON_NONE;
    /** Flags of a non-keyframe as ffmpeg and most muxers write them. */
    public static final long NON_SYNC_SAMPLE = DEPENDS_ON_OTHERS | NON_SYNC;

    private SampleFlags() {
    }

    /** True unless the non-sync bit is set. */
    public static boolean isSync(long flags) {
        return (flags & NON_SYNC) == 0;
    }

    /** sample_depends_on (0 unknown, 1 yes, 2 no). */
    public static int dependsOn(long flags) {
        return (int) (flags >>> 24) & 3;
    }
}

package dev.bmff.recover;

/**
 * What state the broken file was found in, which decides how it was repaired.
 *
 * <pre>{@code
 * RepairReport r = Recovery.repair(broken, out);
 * if (r.kind() == RepairKind.FRAGMENTED_TRUNCATED) { ... }
 * }</pre>
 */
public enum RepairKind {
    /** No usable moov: the index was rebuilt by walking the media data with a reference's track models. */
    MOOV_REBUILT_FROM_REFERENCE,
    /** A standard file with its moov; media data cut short (or intact): the samples fully present were kept. */
    STANDARD_TRUNCATED,
    /**
     * A fragmented file cut anywhere: every complete fragment kept; of a torn last fragment whose moof is whole,
     * the samples whose bytes are all present (per track in decode order, up to the first that is not).
     */
    FRAGMENTED_TRUNCATED,
    /** A hybrid file (fragmented while recording) whose recording was interrupted: as a fragmented file. */
    HYBRID_RECORDING_INTERRUPTED,
    /** A hybrid file whose finalize was interrupted after the last fragment: rebuilt from its fragments. */
    HYBRID_FINALIZE_INTERRUPTED,
    /** A hybrid file whose finalize only lacked its header writes: finished in place (option in-place). */
    HYBRID_FINALIZE_FINISHED_IN_PLACE,
    /**
     * No usable moov, option in-place: the index rebuilt with a reference was appended to the broken file and its
     * mdat header rewritten; {@link Recovery#undo} restores the file.
     */
    MOOV_REBUILT_IN_PLACE,
    /**
     * A Sony {@code .RSV} file (GOP blocks of rtmd packets, video and PCM audio; no ftyp, no moov) rebuilt with a
     * reference recording by bmff-rsv.
     */
    RSV_REBUILT_FROM_REFERENCE
}

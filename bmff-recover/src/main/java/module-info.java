/**
 * Recovery of broken recordings: {@code Recovery.repair(reference, broken, out)} and {@code Recovery.repair(broken,
 * out)}, and {@code Verifier}. Layouts that are no MP4 (Sony RSV) are repaired by
 * {@link dev.bmff.recover.LayoutRepair} providers, whose interface includes the reference models
 * ({@code dev.bmff.recover.model}) and the sample matchers ({@code dev.bmff.recover.match}). The repairs without a
 * reference ({@code dev.bmff.recover.indexed}) and the output writing ({@code dev.bmff.recover.output}) are
 * internal.
 */
module dev.bmff.recover {
    requires transitive dev.bmff.core;
    requires transitive dev.bmff.codecs;

    exports dev.bmff.recover;
    exports dev.bmff.recover.model;
    exports dev.bmff.recover.match;

    uses dev.bmff.recover.LayoutRepair;
}

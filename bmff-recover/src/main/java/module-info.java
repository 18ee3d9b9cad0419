/**
 * Recovery of recordings that lost their index: {@code Recovery.repair(reference, broken, out)}; the models
 * learned from a reference and the per-codec sample matchers are public for tools that want to look inside.
 * Layouts that are no MP4 (Sony RSV) are repaired by {@link dev.bmff.recover.LayoutRepair} providers.
 */
module dev.bmff.recover {
    requires transitive dev.bmff.core;
    requires transitive dev.bmff.codecs;

    exports dev.bmff.recover;
    exports dev.bmff.recover.model;
    exports dev.bmff.recover.match;

    uses dev.bmff.recover.LayoutRepair;
}

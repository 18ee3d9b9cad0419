/**
 * Recovery of recordings that lost their index: {@code Recovery.repair(reference, broken, out)}; the models
 * learned from a reference and the per-codec sample matchers are public for tools that want to look inside.
 */
module dev.bmff.recover {
    requires transitive dev.bmff.core;
    requires transitive dev.bmff.codecs;

    exports dev.bmff.recover;
    exports dev.bmff.recover.model;
    exports dev.bmff.recover.match;
}

/**
 * Repair of Sony RSV files: {@code RsvRecovery.repair(reference, rsv, out)}, also reached through
 * {@code Recovery.repair}, which finds this module's {@link dev.bmff.recover.LayoutRepair}.
 */
module dev.bmff.rsv {
    requires transitive dev.bmff.core;
    requires dev.bmff.codecs;
    requires transitive dev.bmff.recover;

    exports dev.bmff.rsv;

    provides dev.bmff.recover.LayoutRepair with dev.bmff.rsv.RsvLayoutRepair;
}

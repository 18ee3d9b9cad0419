/** Repair of Sony RSV files (arrives with its issue). */
module dev.bmff.rsv {
    requires transitive dev.bmff.core;
    requires dev.bmff.codecs;
    requires dev.bmff.recover;
}

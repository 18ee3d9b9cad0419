/** Recovery of recordings that lost their index (the {@code Recovery} facade arrives with its issue). */
module dev.bmff.recover {
    requires transitive dev.bmff.core;
    requires transitive dev.bmff.codecs;
}

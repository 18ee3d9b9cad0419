/** A user of bmff on the module path: needs only {@code dev.bmff.recover}, which brings core and codecs. */
module dev.bmff.consumer {
    requires dev.bmff.recover;

    exports dev.bmff.consumer;
}

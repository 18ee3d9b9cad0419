/** The {@code bmff} command-line tool: thin commands over the public API. */
module dev.bmff.cli {
    requires dev.bmff.core;
    requires dev.bmff.codecs;
    requires dev.bmff.recover;
    requires dev.bmff.rsv;
}

/**
 * Bitstreams: H.264, HEVC, AAC and PCM parsing and the signature scanners.
 * Packages arrive with the codecs issue; the module exists now so the layout is final.
 */
module dev.bmff.codecs {
    requires transitive dev.bmff.core;
}

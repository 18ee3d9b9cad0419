/**
 * Bitstreams: bit reading and RBSP escaping; H.264, HEVC, AAC and PCM parsing; the signature scanners
 * the recovery uses; sample-entry builders for the writers.
 */
module dev.bmff.codecs {
    requires transitive dev.bmff.core;
    // Only when the application adds it (--add-modules jdk.incubator.vector): the scanners' fast path.
    requires static jdk.incubator.vector;

    exports dev.bmff.codecs.aac;
    exports dev.bmff.codecs.access;
    exports dev.bmff.codecs.bits;
    exports dev.bmff.codecs.entry;
    exports dev.bmff.codecs.h264;
    exports dev.bmff.codecs.hevc;
    exports dev.bmff.codecs.nal;
    exports dev.bmff.codecs.pcm;
    exports dev.bmff.codecs.record;
    exports dev.bmff.codecs.scan;
}

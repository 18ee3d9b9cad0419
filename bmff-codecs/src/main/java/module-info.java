/**
 * Bitstreams: bit reading and RBSP escaping; H.264, HEVC, AV1, MPEG-4 Part 2, JPEG, ProRes, AAC, Opus, PCM, FLAC, ALAC,
 * MP3 and AC-3 parsing; the signature scanners the recovery uses; sample-entry builders for the writers.
 */
// The reference twins are exported to the benchmarks only; they run on the class path, where there is no
// module dev.bmff.benchmarks, hence "module not found" is expected.
@SuppressWarnings("module")
module dev.bmff.codecs {
    requires transitive dev.bmff.core;
    // Only when the application adds it (--add-modules jdk.incubator.vector): the scanners' fast path.
    requires static jdk.incubator.vector;

    exports dev.bmff.codecs.aac;
    exports dev.bmff.codecs.ac3;
    exports dev.bmff.codecs.access;
    exports dev.bmff.codecs.alac;
    exports dev.bmff.codecs.av1;
    exports dev.bmff.codecs.bits;
    exports dev.bmff.codecs.entry;
    exports dev.bmff.codecs.flac;
    exports dev.bmff.codecs.h264;
    exports dev.bmff.codecs.hevc;
    exports dev.bmff.codecs.jpeg;
    exports dev.bmff.codecs.mpa;
    exports dev.bmff.codecs.mpeg4;
    exports dev.bmff.codecs.nal;
    exports dev.bmff.codecs.opus;
    exports dev.bmff.codecs.pcm;
    exports dev.bmff.codecs.prores;
    exports dev.bmff.codecs.record;
    exports dev.bmff.codecs.scan;
    exports dev.bmff.codecs.sync;

    // The byte-by-byte twins of the scanners: the property tests prove the fast scanners equal to them and
    // the benchmarks measure against them. Not API.
    exports dev.bmff.codecs.scan.reference to dev.bmff.benchmarks;
}

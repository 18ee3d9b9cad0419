package dev.bmff.codecs.access;

/** What a NAL unit means to access-unit boundaries (H.264 7.4.1.2.3, HEVC 7.4.2.4.4). */
enum NalRole {
    /** Access unit delimiter: always first in its access unit. */
    DELIMITER,
    /** SPS, PPS, VPS: start a new access unit when they follow a picture; go to the configuration. */
    PARAMETER_SET,
    /** SEI, prefix and reserved types that may only precede the first slice of a picture. */
    PREFIX,
    /** A slice (segment) of the primary picture: a new access unit when it starts a new picture. */
    SLICE,
    /** Units that belong to the picture before them: data partitions, suffix SEI, end of sequence, filler. */
    SUFFIX
}

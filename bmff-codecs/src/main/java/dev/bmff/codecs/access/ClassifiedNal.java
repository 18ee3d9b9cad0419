package dev.bmff.codecs.access;

/**
 * A NAL unit with what the codec rules found in it.
 *
 * @param firstOfPicture for a slice: it starts a new picture (first_mb_in_slice 0 or a changed header
 *     field in H.264, first_slice_segment_in_pic_flag in HEVC)
 * @param keyframe for a slice: IDR (H.264) or IRAP (HEVC)
 * @param pocKnown for the first slice of a picture: its POC could be computed
 */
record ClassifiedNal(byte[] bytes, NalRole role, boolean firstOfPicture, boolean keyframe, boolean pocKnown,
        long poc, int pocEpoch) {
    static ClassifiedNal of(byte[] bytes, NalRole role) {
        return new ClassifiedNal(bytes, role, false, false, false, 0, 0);
    }
}

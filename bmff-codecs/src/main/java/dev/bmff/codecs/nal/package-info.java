/**
 * NAL unit framing shared by H.264 and HEVC: Annex B byte streams (start codes) and the length-prefixed
 * samples that MP4 files store.
 *
 * <pre>{@code
 * for (NalRange nal : NalUnits.splitLengthPrefixed(sample, 4)) {
 *     int firstByte = sample[nal.offset()] & 0xFF;
 * }
 * }</pre>
 */
package dev.bmff.codecs.nal;

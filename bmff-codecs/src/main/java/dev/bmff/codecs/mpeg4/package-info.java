/**
 * MPEG-4 Part 2 video (ISO/IEC 14496-2): start codes, the VisualObjectSequence and VideoObjectLayer headers
 * ({@link dev.bmff.codecs.mpeg4.Mpeg4VideoConfig}, the {@code esds} DecoderSpecificInfo of {@code mp4v}), and the
 * VOP header ({@link dev.bmff.codecs.mpeg4.VopHeader}): coding type, time and whether the VOP is coded.
 */
package dev.bmff.codecs.mpeg4;

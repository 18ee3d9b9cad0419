/**
 * MPEG-1/2 audio layers I to III (MP3): the frame header ({@link dev.bmff.codecs.mpa.MpegAudioHeader}), which gives
 * each frame's length, and {@link dev.bmff.codecs.mpa.MpegAudioSyntax}, the frames of one stream.
 */
package dev.bmff.codecs.mpa;

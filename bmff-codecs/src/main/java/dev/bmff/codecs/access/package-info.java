/**
 * Access-unit assembly: turns an H.264 or HEVC Annex B byte stream, pushed in chunks of any size (as a
 * depacketizer or {@code ffmpeg -c copy -f h264 -} delivers it), into access units ready to be MP4
 * samples, plus the {@code avcC}/{@code hvcC} configuration learnt from the stream.
 *
 * <pre>{@code
 * AccessUnitAssembler asm = AccessUnitAssembler.h264(ParameterSetPlacement.OUT_OF_BAND);
 * for (byte[] chunk : chunks) for (AccessUnit au : asm.push(chunk)) write(au.sample(), au.keyframe());
 * for (AccessUnit au : asm.finish()) write(au.sample(), au.keyframe());
 * AvcConfiguration avcC = asm.avcConfiguration().orElseThrow();
 * }</pre>
 */
package dev.bmff.codecs.access;

/**
 * H.264/AVC: NAL unit headers, sequence and picture parameter sets, slice headers, picture order count
 * (ITU-T H.264 7.3, 7.4, 8.2.1) and the {@code avcC} decoder configuration record (ISO/IEC 14496-15).
 *
 * <pre>{@code
 * AvcConfiguration avcC = AvcConfiguration.parse(avcCPayload);
 * Sps sps = Sps.parse(avcC.sequenceParameterSets().get(0).toArray());
 * System.out.println(sps.width() + "x" + sps.height() + " " + sps.chroma());
 * }</pre>
 */
package dev.bmff.codecs.h264;

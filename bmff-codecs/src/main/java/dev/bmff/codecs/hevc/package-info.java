/**
 * HEVC (H.265) high-level syntax: NAL unit headers, VPS/SPS/PPS, the start of the slice segment header,
 * picture order count (8.3.1) and the {@code hvcC} decoder configuration record (ISO/IEC 14496-15).
 * Nothing below the slice header is decoded.
 *
 * <p>Parsers take whole NAL units (2-byte header included, emulation prevention bytes still in) and
 * throw {@link dev.bmff.codecs.bits.BitstreamException}, naming the syntax element, for anything
 * malformed; every count is bounded by the spec's limits before anything is allocated.
 *
 * <pre>{@code
 * HevcConfiguration hvcC = HevcConfiguration.parse(hvcCPayload);
 * ParameterSets sets = new ParameterSets();
 * for (Bytes nal : hvcC.nalUnits()) sets.add(nal.toArray());
 * Sps sps = sets.sps(0).orElseThrow();
 * PocCalculator poc = new PocCalculator();
 * // for each sample: split by hvcC.nalLengthSize(), parse the first slice segment, poc.next(header)
 * }</pre>
 */
package dev.bmff.codecs.hevc;

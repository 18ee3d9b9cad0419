/**
 * Bit-level reading and writing (Exp-Golomb codes included) and RBSP emulation-prevention escaping, the
 * ground the H.264, HEVC and AAC parsers stand on.
 *
 * <pre>{@code
 * BitReader r = new BitReader(Rbsp.unescape(nalPayload));
 * int profileIdc = r.u(8, "profile_idc");   // the name goes into the message of a BitstreamException
 * }</pre>
 */
package dev.bmff.codecs.bits;

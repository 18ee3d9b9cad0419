/**
 * Opus (RFC 6716, RFC 7845, Encapsulation of Opus in ISO Base Media File Format): the {@code dOps} record and the
 * Ogg {@code OpusHead} it is made from ({@link dev.bmff.codecs.opus.OpusConfiguration}), and a packet's TOC byte,
 * frame count and duration ({@link dev.bmff.codecs.opus.OpusPacket}).
 */
package dev.bmff.codecs.opus;

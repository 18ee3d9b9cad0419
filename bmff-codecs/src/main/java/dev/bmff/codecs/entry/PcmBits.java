package dev.bmff.codecs.entry;

import dev.bmff.core.box.AudioSampleEntry;

/**
 * Bits per PCM sample from a sound description, until the PCM package decodes these formats fully: the
 * format's fixed size (in24, in32, fl32, fl64), else the QuickTime version 2 constBitsPerChannel, else the
 * version 1 bytes per sample, else samplesize.
 */
final class PcmBits {
    private PcmBits() {
    }

    /** Bits per sample, or 0 when {@code entry} is not a PCM format. */
    static int of(AudioSampleEntry entry) {
        String type = entry.type().toString();
        int fixed = switch (type) {
            case "in24" -> 24;
            case "in32", "fl32" -> 32;
            case "fl64" -> 64;
            case "twos", "sowt", "raw ", "lpcm", "ipcm", "fpcm", "NONE" -> -1;
            default -> 0;
        };
        if (fixed >= 0) {
            // The format fixes the size (v1 fields of in24 as ffmpeg writes them say 2 bytes per sample).
            return fixed;
        }
        if (entry.v2() != null && entry.v2().constBitsPerChannel() > 0) {
            return (int) entry.v2().constBitsPerChannel();
        }
        if (entry.v1() != null && entry.v1().bytesPerSample() > 0 && entry.v1().bytesPerSample() <= 8) {
            return (int) entry.v1().bytesPerSample() * 8;
        }
        return entry.sampleSize();
    }
}

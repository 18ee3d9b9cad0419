package dev.bmff.codecs.hevc;

/**
 * The SPS PCM parameters, present when pcm_enabled_flag is 1.
 *
 * <pre>{@code
 * sps.pcm().ifPresent(p -> System.out.println(p.sampleBitDepthLumaMinus1() + 1));
 * }</pre>
 */
public record Pcm(int sampleBitDepthLumaMinus1, int sampleBitDepthChromaMinus1,
        int log2MinPcmLumaCodingBlockSizeMinus3, int log2DiffMaxMinPcmLumaCodingBlockSize,
        boolean loopFilterDisabled) {
}

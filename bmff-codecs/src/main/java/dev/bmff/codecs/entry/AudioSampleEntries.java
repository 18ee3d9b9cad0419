package dev.bmff.codecs.entry;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.opus.OpusConfiguration;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.AudioSampleEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds audio sample entries: {@code mp4a} with {@code esds} (ISO/IEC 14496-14 5.6), {@code Opus} with
 * {@code dOps} (Opus in ISOBMFF 4.3) and the QuickTime
 * 16-bit PCM entries {@code twos} (big endian) and {@code sowt} (little endian). Other PCM formats come
 * with the PCM package.
 *
 * <pre>{@code
 * AudioSampleEntry mp4a = AudioSampleEntries.aac(AudioSpecificConfig.aacLc(48000, 2), Bitrate.NONE);
 * AudioSampleEntry twos = AudioSampleEntries.pcm16(true, 1, 48000);
 * AudioSampleEntry opus = AudioSampleEntries.opus(OpusConfiguration.of(2, 312, 48000));
 * }</pre>
 */
public final class AudioSampleEntries {
    public static final FourCC MP4A = FourCC.of("mp4a");
    public static final FourCC TWOS = FourCC.of("twos");
    public static final FourCC SOWT = FourCC.of("sowt");
    public static final FourCC OPUS = FourCC.of("Opus");
    static final FourCC ESDS = FourCC.of("esds");
    static final FourCC DOPS = FourCC.of("dOps");

    private AudioSampleEntries() {
    }

    /**
     * An {@code mp4a} entry: channelcount 2 and samplesize 16, the template values of ISO/IEC 14496-14 5.6
     * that ffmpeg writes too (decoders take the channels from the AudioSpecificConfig), the rate from the
     * config (the output rate, so SBR's doubled rate; 65536 Hz and more do not fit 16.16 and become 0), and an
     * {@code esds} with ES_ID 1 (ISO/IEC 14496-14 3.1.2 says 0 in files; ffmpeg and most muxers write the
     * track id), then {@code btrt} when the bitrate is known.
     */
    public static AudioSampleEntry aac(AudioSpecificConfig asc, Bitrate bitrate) {
        EsDescriptor es = EsDescriptor.forAudio(1, asc, bitrate.maxBitrate(), bitrate.avgBitrate());
        List<Box> children = new ArrayList<>();
        children.add(RawBox.of(ESDS, es.toEsdsPayload().toArray()));
        if (bitrate.known()) {
            children.add(VideoBoxes.btrt(bitrate));
        }
        int rate = asc.outputSamplingFrequency();
        return AudioSampleEntry.of(MP4A, 2, 16, rate < 65536 ? rate : 0, children);
    }

    /**
     * An {@code Opus} entry (Opus in ISOBMFF 4.3.1): channelcount from {@code dOps}, samplesize 16, samplerate 48000
     * (Opus always decodes at 48 kHz; the track's timescale should be 48000 too), then {@code dOps}. The pre-skip
     * belongs in the track's edit list as well: {@link #opusEdit}.
     */
    public static AudioSampleEntry opus(OpusConfiguration config) {
        return AudioSampleEntry.of(OPUS, config.channels(), 16, 48000,
                List.of(RawBox.of(DOPS, config.toBytes())));
    }

    /**
     * The edit list entry Opus in ISOBMFF 4.4 asks for in a 48 kHz track: media_time = pre-skip, so the decoder's
     * first {@code preSkip} samples are not played; the duration is left to the writer (-1).
     */
    public static dev.bmff.core.box.EditListBox.Entry opusEdit(OpusConfiguration config) {
        return new dev.bmff.core.box.EditListBox.Entry(-1, config.preSkip(), 1, 0);
    }

    /**
     * A QuickTime sound description version 0 for 16-bit PCM, as ffmpeg writes {@code pcm_s16be}/{@code
     * pcm_s16le} in a .mov (one sample per "packet").
     *
     * @param bigEndian true for {@code twos}, false for {@code sowt}
     * @param rate Hz, below 65536
     */
    public static AudioSampleEntry pcm16(boolean bigEndian, int channels, int rate) {
        if (channels < 1 || channels > 0xFFFF || rate < 1 || rate > 0xFFFF) {
            throw new IllegalArgumentException("channels 1..65535 and rate 1..65535 Hz: " + channels + ", " + rate);
        }
        return AudioSampleEntry.of(bigEndian ? TWOS : SOWT, channels, 16, rate, List.of());
    }
}

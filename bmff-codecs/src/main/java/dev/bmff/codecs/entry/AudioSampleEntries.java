package dev.bmff.codecs.entry;

import dev.bmff.codecs.aac.AudioSpecificConfig;
import dev.bmff.codecs.aac.EsDescriptor;
import dev.bmff.codecs.ac3.Ac3Specific;
import dev.bmff.codecs.ac3.Eac3Specific;
import dev.bmff.codecs.alac.AlacConfig;
import dev.bmff.codecs.flac.StreamInfo;
import dev.bmff.codecs.mpa.MpegAudioHeader;
import dev.bmff.codecs.opus.OpusConfiguration;
import dev.bmff.core.FourCC;
import dev.bmff.core.box.Box;
import dev.bmff.core.box.RawBox;
import dev.bmff.core.box.AudioSampleEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds audio sample entries: {@code mp4a} with {@code esds} (ISO/IEC 14496-14 5.6) for AAC and MP3, {@code Opus}
 * with {@code dOps} (Opus in ISOBMFF 4.3), the QuickTime 16-bit PCM entries {@code twos} (big endian) and
 * {@code sowt} (little endian), {@code fLaC} with {@code dfLa}, {@code alac} with its magic cookie, {@code ac-3} with
 * {@code dac3} and {@code ec-3} with {@code dec3}. Other PCM formats come with the PCM package.
 *
 * <pre>{@code
 * AudioSampleEntry mp4a = AudioSampleEntries.aac(AudioSpecificConfig.aacLc(48000, 2), Bitrate.NONE);
 * AudioSampleEntry twos = AudioSampleEntries.pcm16(true, 1, 48000);
 * AudioSampleEntry ac3 = AudioSampleEntries.ac3(Ac3Specific.of(Ac3Header.parse(firstFrame, 0)));
 * AudioSampleEntry opus = AudioSampleEntries.opus(OpusConfiguration.of(2, 312, 48000));
 * }</pre>
 */
public final class AudioSampleEntries {
    public static final FourCC MP4A = FourCC.of("mp4a");
    public static final FourCC TWOS = FourCC.of("twos");
    public static final FourCC SOWT = FourCC.of("sowt");
    public static final FourCC FLAC = FourCC.of("fLaC");
    public static final FourCC ALAC = FourCC.of("alac");
    public static final FourCC AC3 = FourCC.of("ac-3");
    public static final FourCC EAC3 = FourCC.of("ec-3");
    /** QuickTime's MP3 entry ({@code .mp3}); MP4 files use {@code mp4a} with an MP3 object type. */
    public static final FourCC DOT_MP3 = FourCC.of(".mp3");
    static final FourCC ESDS = FourCC.of("esds");
    static final FourCC DFLA = FourCC.of("dfLa");
    static final FourCC DAC3 = FourCC.of("dac3");
    static final FourCC DEC3 = FourCC.of("dec3");
    public static final FourCC OPUS = FourCC.of("Opus");
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

    /**
     * An {@code mp4a} entry for MPEG audio (MP3, MP2): an {@code esds} with objectTypeIndication 0x6B (MPEG-1) or
     * 0x69 (MPEG-2/2.5) and no DecoderSpecificInfo, the rate and channels of the stream's frame header {@code h}.
     */
    public static AudioSampleEntry mp3(MpegAudioHeader h, Bitrate bitrate) {
        EsDescriptor es = new EsDescriptor(1, 0, -1, null, -1, h.objectTypeIndication(), 5, false, 0,
                bitrate.maxBitrate(), bitrate.avgBitrate(), null, 2, 4);
        List<Box> children = new ArrayList<>();
        children.add(RawBox.of(ESDS, es.toEsdsPayload().toArray()));
        if (bitrate.known()) {
            children.add(VideoBoxes.btrt(bitrate));
        }
        return AudioSampleEntry.of(MP4A, h.channels(), 16, h.sampleRate(), children);
    }

    /**
     * A {@code fLaC} entry (Encapsulation of FLAC in ISO BMFF 3.3.1) with a {@code dfLa} holding {@code si}; rate
     * above 65535 Hz becomes 0 in the entry (the decoder takes it from STREAMINFO).
     */
    public static AudioSampleEntry flac(StreamInfo si) {
        int rate = si.sampleRate() < 65536 ? si.sampleRate() : 0;
        return AudioSampleEntry.of(FLAC, si.channels(), si.bitsPerSample(), rate,
                List.of(RawBox.of(DFLA, si.toDfLaPayload())));
    }

    /** An {@code alac} entry as in an .m4a: an {@code alac} box with version, flags and the magic cookie. */
    public static AudioSampleEntry alac(AlacConfig c) {
        int rate = c.sampleRate() < 65536 ? (int) c.sampleRate() : 0;
        return AudioSampleEntry.of(ALAC, c.channels(), c.bitDepth(), rate,
                List.of(RawBox.of(ALAC, c.toAlacBoxPayload())));
    }

    /** An {@code ac-3} entry (ETSI TS 102 366 F.3) with its {@code dac3}. */
    public static AudioSampleEntry ac3(Ac3Specific dac3) {
        return AudioSampleEntry.of(AC3, 2, 16, dac3.sampleRate(), List.of(RawBox.of(DAC3, dac3.toBytes())));
    }

    /** An {@code ec-3} entry (ETSI TS 102 366 F.5) with its {@code dec3}. */
    public static AudioSampleEntry eac3(Eac3Specific dec3) {
        return AudioSampleEntry.of(EAC3, 2, 16, dec3.sampleRate(), List.of(RawBox.of(DEC3, dec3.toBytes())));
    }
}

package dev.bmff.codecs.mpa;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.sync.SyncFrameSyntax;

/**
 * The frames of one MPEG audio stream: a header with the stream's version, layer, sample rate and mono-or-not (the
 * bitrate and padding may change from frame to frame: VBR) gives the frame's length. An MP4 sample is one frame.
 *
 * <pre>{@code
 * SyncFrameSyntax s = MpegAudioSyntax.of(MpegAudioHeader.parse(firstSample, 0));
 * }</pre>
 */
public final class MpegAudioSyntax implements SyncFrameSyntax {
    private final MpegAudioHeader stream;

    private MpegAudioSyntax(MpegAudioHeader stream) {
        this.stream = stream;
    }

    /** The stream whose frames have the version, layer, sample rate and channel count of {@code header}. */
    public static MpegAudioSyntax of(MpegAudioHeader header) {
        return new MpegAudioSyntax(header);
    }

    /** The header this syntax was made from. */
    public MpegAudioHeader stream() {
        return stream;
    }

    @Override
    public String format() {
        return stream.format();
    }

    @Override
    public boolean checked() {
        return false;
    }

    @Override
    public int headerBytes() {
        return MpegAudioHeader.LENGTH;
    }

    @Override
    public int maxSampleBytes() {
        return MpegAudioHeader.MAX_FRAME_LENGTH;
    }

    @Override
    public int sampleLength(byte[] b, int offset, int available) {
        MpegAudioHeader h = header(b, offset, available);
        return h != null && h.frameLength() <= available ? h.frameLength() : NOT_A_FRAME;
    }

    @Override
    public boolean headerAt(byte[] b, int offset, int available) {
        return header(b, offset, available) != null;
    }

    private MpegAudioHeader header(byte[] b, int offset, int available) {
        if (available < MpegAudioHeader.LENGTH || !MpegAudioHeader.isSync(b, offset)) {
            return null;
        }
        try {
            MpegAudioHeader h = MpegAudioHeader.parse(b, offset);
            boolean same = h.version() == stream.version() && h.layer() == stream.layer()
                    && h.sampleRate() == stream.sampleRate() && h.channels() == stream.channels()
                    && h.crcProtected() == stream.crcProtected();
            return same ? h : null;
        } catch (BitstreamException notAHeader) {
            return null;
        }
    }
}

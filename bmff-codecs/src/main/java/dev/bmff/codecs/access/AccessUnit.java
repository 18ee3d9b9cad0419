package dev.bmff.codecs.access;

import dev.bmff.core.box.Bytes;

/**
 * One access unit (a coded picture and its non-VCL NAL units) in decode order, as an MP4 sample.
 *
 * <pre>{@code
 * AccessUnit au = units.get(0);
 * if (au.keyframe()) stss.add(sampleNumber);
 * channel.write(au.sample().asReadOnlyBuffer());
 * }</pre>
 *
 * @param sample the NAL units, each after a 4-byte big-endian length (lengthSizeMinusOne 3)
 * @param keyframe an IDR picture (H.264) or an IRAP picture (HEVC): a sync sample
 * @param parameterSets true when the stream carried parameter sets in this access unit (whether or not
 *     they were kept in {@link #sample()})
 * @param nalUnitCount NAL units in {@link #sample()}
 * @param picOrderCnt the picture order count (PicOrderCnt, 8.2.1 in both standards)
 * @param pocEpoch counts the pictures at which POC restarts (IDR and MMCO 5 in H.264, IRAP pictures with
 *     NoRaslOutputFlag in HEVC), this one included: presentation order is by epoch, then by POC
 */
public record AccessUnit(Bytes sample, boolean keyframe, boolean parameterSets, int nalUnitCount, long picOrderCnt,
        int pocEpoch) {
    public AccessUnit {
        if (sample == null || nalUnitCount < 1) {
            throw new IllegalArgumentException("an access unit has at least one NAL unit");
        }
    }
}

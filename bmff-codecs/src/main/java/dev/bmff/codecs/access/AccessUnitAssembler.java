package dev.bmff.codecs.access;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;
import dev.bmff.codecs.h264.AvcConfiguration;
import dev.bmff.codecs.hevc.HevcConfiguration;
import dev.bmff.core.box.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles access units (pictures) from an H.264 or HEVC Annex B byte stream pushed in chunks of any size.
 * Boundaries follow H.264 7.4.1.2.3/7.4.1.2.4 and HEVC 7.4.2.4.4: an access unit delimiter, a parameter set,
 * SEI or other prefix unit after a picture's slices, or the first slice of a new picture (first_mb_in_slice
 * 0 or a change of frame_num, PPS id, nal_ref_idc, POC fields or IDR in H.264;
 * first_slice_segment_in_pic_flag in HEVC) starts a new one.
 *
 * <p>Output starts at the first keyframe (IDR for H.264, IRAP for HEVC): the access units before it cannot be
 * decoded and are dropped ({@link #droppedAccessUnits()}). The last access unit comes out of
 * {@link #finish()}. Parameter sets and delimiters are kept or left out of the samples according to the
 * {@link ParameterSetPlacement}. Not thread-safe.
 *
 * <pre>{@code
 * AccessUnitAssembler asm = AccessUnitAssembler.h264(ParameterSetPlacement.OUT_OF_BAND);
 * List<AccessUnit> units = new ArrayList<>(asm.push(bytes));
 * units.addAll(asm.finish());
 * byte[] avcC = asm.avcConfiguration().orElseThrow().toBytes();
 * }</pre>
 */
public final class AccessUnitAssembler {
    /** Largest NAL unit accepted by default: far above any level's picture size limit. */
    public static final int DEFAULT_MAX_NAL_BYTES = 64 << 20;

    private final CodecRules rules;
    private final ParameterSetPlacement placement;
    private final AnnexBSplitter splitter;
    private final int maxAccessUnitBytes;
    private final List<ClassifiedNal> current = new ArrayList<>();
    private long currentBytes;
    private boolean currentHasSlice;
    private boolean started;
    private boolean finished;
    private int dropped;
    private Object configuration;

    private AccessUnitAssembler(CodecRules rules, ParameterSetPlacement placement, int maxNalBytes) {
        if (maxNalBytes < 16) {
            throw new IllegalArgumentException("maxNalBytes must be at least 16: " + maxNalBytes);
        }
        this.rules = rules;
        this.placement = placement;
        this.splitter = new AnnexBSplitter(maxNalBytes);
        this.maxAccessUnitBytes = maxNalBytes;
    }

    /** An assembler for an H.264 stream. */
    public static AccessUnitAssembler h264(ParameterSetPlacement placement) {
        return new AccessUnitAssembler(new H264Rules(), placement, DEFAULT_MAX_NAL_BYTES);
    }

    /** An assembler for an HEVC stream. */
    public static AccessUnitAssembler hevc(ParameterSetPlacement placement) {
        return new AccessUnitAssembler(new HevcRules(), placement, DEFAULT_MAX_NAL_BYTES);
    }

    /**
     * An assembler with a smaller memory bound.
     *
     * @param maxBytes the largest NAL unit and the largest access unit accepted, at least 16
     */
    public static AccessUnitAssembler of(boolean hevc, ParameterSetPlacement placement, int maxBytes) {
        return new AccessUnitAssembler(hevc ? new HevcRules() : new H264Rules(), placement, maxBytes);
    }

    /** {@link #push(byte[], int, int)} of the whole array. */
    public List<AccessUnit> push(byte[] chunk) throws BitstreamException {
        return push(chunk, 0, chunk.length);
    }

    /**
     * Feeds the next bytes of the stream.
     *
     * @return the access units completed by these bytes, in decode order (often none)
     * @throws BitstreamException when a NAL unit is malformed or larger than the bound; its offset counts
     *     bits of the whole stream pushed so far
     */
    public List<AccessUnit> push(byte[] chunk, int offset, int length) throws BitstreamException {
        if (offset < 0 || length < 0 || offset > chunk.length - length) {
            throw new IllegalArgumentException("range outside the array");
        }
        if (finished) {
            throw new IllegalStateException("push after finish");
        }
        List<AccessUnit> out = new ArrayList<>();
        for (AnnexBSplitter.Unit nal : splitter.push(chunk, offset, length)) {
            accept(nal, out);
        }
        return out;
    }

    /**
     * Ends the stream: the last NAL unit and access unit are complete.
     *
     * @return the remaining access units
     */
    public List<AccessUnit> finish() throws BitstreamException {
        List<AccessUnit> out = new ArrayList<>();
        if (finished) {
            return out;
        }
        finished = true;
        for (AnnexBSplitter.Unit nal : splitter.finish()) {
            accept(nal, out);
        }
        close(out);
        return out;
    }

    /** Access units dropped because they came before the first keyframe. */
    public int droppedAccessUnits() {
        return dropped;
    }

    /** Non-zero bytes before the first start code (a stream joined in the middle of a NAL unit). */
    public long skippedBytes() {
        return splitter.skippedBytes();
    }

    /**
     * The {@code avcC} record of an H.264 stream: every SPS and PPS seen up to the first keyframe, in id order
     * (later ones too while no keyframe was emitted). Empty before an SPS and a PPS were seen, or for HEVC.
     */
    public Optional<AvcConfiguration> avcConfiguration() throws BitstreamException {
        return configuration() instanceof AvcConfiguration c ? Optional.of(c) : Optional.empty();
    }

    /**
     * The {@code hvcC} record of an HEVC stream: VPS, SPS and PPS arrays as
     * {@link HevcConfiguration#of(List)} builds them. Empty before all three were seen, or for H.264.
     */
    public Optional<HevcConfiguration> hevcConfiguration() throws BitstreamException {
        return configuration() instanceof HevcConfiguration c ? Optional.of(c) : Optional.empty();
    }

    private Object configuration() throws BitstreamException {
        if (configuration != null) {
            return configuration;
        }
        return rules.hasConfiguration() ? rules.configuration() : null;
    }

    private void accept(AnnexBSplitter.Unit unit, List<AccessUnit> out) throws BitstreamException {
        byte[] nal = unit.bytes();
        ClassifiedNal c;
        try {
            c = rules.classify(nal, !started && !currentKeyframe());
        } catch (BitstreamException e) {
            throw e.shifted(8 * unit.offset());
        }
        boolean startsNew = switch (c.role()) {
            case DELIMITER, PARAMETER_SET, PREFIX -> currentHasSlice;
            case SLICE -> currentHasSlice && c.firstOfPicture();
            case SUFFIX -> false;
        };
        if (startsNew) {
            close(out);
        }
        if (currentBytes + nal.length + 4 > maxAccessUnitBytes) {
            throw BitstreamException.atByte(Kind.TOO_LARGE, unit.offset(),
                    "access unit: more than " + maxAccessUnitBytes + " bytes");
        }
        current.add(c);
        currentBytes += nal.length + 4;
        currentHasSlice |= c.role() == NalRole.SLICE;
    }

    private boolean currentKeyframe() {
        for (ClassifiedNal n : current) {
            if (n.role() == NalRole.SLICE) {
                return n.keyframe();
            }
        }
        return false;
    }

    private void close(List<AccessUnit> out) throws BitstreamException {
        List<ClassifiedNal> nals = List.copyOf(current);
        current.clear();
        currentBytes = 0;
        boolean hadSlice = currentHasSlice;
        currentHasSlice = false;
        if (!hadSlice) {
            return; // non-VCL units at the end of the stream: no picture to attach them to
        }
        boolean key = false;
        ClassifiedNal firstSlice = null;
        boolean parameterSets = false;
        for (ClassifiedNal n : nals) {
            if (n.role() == NalRole.SLICE && firstSlice == null) {
                firstSlice = n;
                key = n.keyframe();
            }
            parameterSets |= n.role() == NalRole.PARAMETER_SET;
        }
        if (!started && !key) {
            dropped++;
            return;
        }
        if (!started) {
            started = true;
            if (rules.hasConfiguration()) {
                configuration = rules.configuration(); // frozen: what out-of-band samples rely on
            }
        }
        out.add(toAccessUnit(nals, key, parameterSets, firstSlice));
    }

    private AccessUnit toAccessUnit(List<ClassifiedNal> nals, boolean key, boolean parameterSets,
            ClassifiedNal firstSlice) {
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        int count = 0;
        for (ClassifiedNal n : nals) {
            if (placement == ParameterSetPlacement.OUT_OF_BAND && leftOut(n)) {
                continue;
            }
            byte[] b = n.bytes();
            sample.write(b.length >>> 24);
            sample.write(b.length >>> 16);
            sample.write(b.length >>> 8);
            sample.write(b.length);
            sample.writeBytes(b);
            count++;
        }
        return new AccessUnit(Bytes.of(sample.toByteArray()), key, parameterSets, count, firstSlice.poc(),
                firstSlice.pocEpoch());
    }

    private boolean leftOut(ClassifiedNal n) {
        return n.role() == NalRole.DELIMITER
                || (n.role() == NalRole.PARAMETER_SET && configuration != null && rules.isIn(configuration, n.bytes()));
    }
}

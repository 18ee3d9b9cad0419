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

    // For units fed as ranges (acceptRange, the AnnexBPipeline's way): the access unit being collected is kept
    // as its sample will be (each NAL unit after its 4-byte length) in one buffer reused from unit to unit,
    // and nalAt[i] is where current.get(i) starts in it. Payload bytes are copied once into it, then once
    // into the sample.
    private boolean ranges;
    private long skippedOutside;
    private byte[] au = new byte[1 << 16];
    private int auLength;
    private int[] nalAt = new int[64];
    /** Reused for the first bytes of large slices, which classification reads and nothing keeps. */
    private final byte[] slicePrefix = new byte[CodecRules.SLICE_PREFIX];

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
        if (ranges) {
            throw new IllegalStateException("this assembler is fed by an AnnexBPipeline");
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
        return splitter.skippedBytes() + skippedOutside;
    }

    /** Counts bytes an {@link AnnexBPipeline} found before the first start code. */
    void addSkipped(long bytes) {
        skippedOutside += bytes;
    }

    /** The largest NAL unit accepted. */
    int maxNalBytes() {
        return maxAccessUnitBytes;
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
        add(classify(nal, unit.offset()), nal.length, unit.offset(), out);
    }

    /**
     * Takes the NAL unit {@code data[offset, offset + length)} (start code and trailing zero bytes already
     * removed; {@code streamOffset} is where it starts in the stream). Its bytes are copied into the access
     * unit being collected; only parameter sets and other small non-slice units are copied on their own
     * (a configuration record keeps them). Units fed this way and through {@link #push} must not be mixed.
     */
    void acceptRange(byte[] data, int offset, int length, long streamOffset, List<AccessUnit> out)
            throws BitstreamException {
        if (finished) {
            throw new IllegalStateException("push after finish");
        }
        ranges = true;
        int head = rules.bytesToClassify(data, offset, length);
        byte[] nal;
        if (head == slicePrefix.length && length > head) {
            System.arraycopy(data, offset, slicePrefix, 0, head);
            nal = slicePrefix;
        } else {
            nal = java.util.Arrays.copyOfRange(data, offset, offset + head);
        }
        ClassifiedNal c = classify(nal, streamOffset);
        add(c, length, streamOffset, out);
        int at = auLength;
        if (au.length - at < 4 + length) {
            au = java.util.Arrays.copyOf(au, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(2L * au.length, (long) at + 4 + length)));
        }
        au[at] = (byte) (length >>> 24);
        au[at + 1] = (byte) (length >>> 16);
        au[at + 2] = (byte) (length >>> 8);
        au[at + 3] = (byte) length;
        System.arraycopy(data, offset, au, at + 4, length);
        auLength = at + 4 + length;
        int index = current.size() - 1;
        if (index == nalAt.length) {
            nalAt = java.util.Arrays.copyOf(nalAt, 2 * nalAt.length);
        }
        nalAt[index] = at;
    }

    /** {@code finish()} for units fed through {@link #acceptRange}: there is no split unit left to take. */
    void finishRanges(List<AccessUnit> out) throws BitstreamException {
        if (finished) {
            return;
        }
        finished = true;
        close(out);
    }

    private ClassifiedNal classify(byte[] nal, long streamOffset) throws BitstreamException {
        try {
            return rules.classify(nal, !started && !currentKeyframe());
        } catch (BitstreamException e) {
            throw e.shifted(8 * streamOffset);
        }
    }

    /** The boundary rules: does {@code c} start a new access unit? Then the current one is closed first. */
    private void add(ClassifiedNal c, int length, long streamOffset, List<AccessUnit> out) throws BitstreamException {
        boolean startsNew = switch (c.role()) {
            case DELIMITER, PARAMETER_SET, PREFIX -> currentHasSlice;
            case SLICE -> currentHasSlice && c.firstOfPicture();
            case SUFFIX -> false;
        };
        if (startsNew) {
            close(out);
        }
        if (currentBytes + length + 4 > maxAccessUnitBytes) {
            throw BitstreamException.atByte(Kind.TOO_LARGE, streamOffset,
                    "access unit: more than " + maxAccessUnitBytes + " bytes");
        }
        current.add(c);
        currentBytes += length + 4;
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
        int collected = auLength;
        auLength = 0;
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
        out.add(ranges ? fromCollected(nals, collected, key, parameterSets, firstSlice)
                : toAccessUnit(nals, key, parameterSets, firstSlice));
    }

    /**
     * The access unit collected in {@link #au}: the NAL units left out (delimiters, parameter sets already in
     * the configuration) are skipped where they lead (the usual place) and squeezed out in place elsewhere,
     * then the sample is one copy of what remains.
     */
    private AccessUnit fromCollected(List<ClassifiedNal> nals, int collected, boolean key, boolean parameterSets,
            ClassifiedNal firstSlice) {
        int kept = 0;
        int start = -1;
        int to = 0;
        for (int i = 0; i < nals.size(); i++) {
            if (placement == ParameterSetPlacement.OUT_OF_BAND && leftOut(nals.get(i))) {
                continue;
            }
            int from = nalAt[i];
            int end = i + 1 < nals.size() ? nalAt[i + 1] : collected;
            if (start < 0) {
                start = from;
                to = from;
            }
            if (from != to) {
                System.arraycopy(au, from, au, to, end - from);
            }
            to += end - from;
            kept++;
        }
        if (kept == 0) {
            start = 0;
        }
        return new AccessUnit(Bytes.of(au, start, to - start), key, parameterSets, kept, firstSlice.poc(),
                firstSlice.pocEpoch());
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

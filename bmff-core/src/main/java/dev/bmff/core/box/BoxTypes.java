package dev.bmff.core.box;

import dev.bmff.core.FourCC;

/** The box types this library models, as constants. */
public final class BoxTypes {
    public static final FourCC FTYP = FourCC.of("ftyp");
    public static final FourCC STYP = FourCC.of("styp");
    public static final FourCC MOOV = FourCC.of("moov");
    public static final FourCC MVHD = FourCC.of("mvhd");
    public static final FourCC TRAK = FourCC.of("trak");
    public static final FourCC TKHD = FourCC.of("tkhd");
    public static final FourCC EDTS = FourCC.of("edts");
    public static final FourCC ELST = FourCC.of("elst");
    public static final FourCC MDIA = FourCC.of("mdia");
    public static final FourCC MDHD = FourCC.of("mdhd");
    public static final FourCC HDLR = FourCC.of("hdlr");
    public static final FourCC MINF = FourCC.of("minf");
    public static final FourCC VMHD = FourCC.of("vmhd");
    public static final FourCC SMHD = FourCC.of("smhd");
    public static final FourCC NMHD = FourCC.of("nmhd");
    public static final FourCC DINF = FourCC.of("dinf");
    public static final FourCC DREF = FourCC.of("dref");
    public static final FourCC STBL = FourCC.of("stbl");
    public static final FourCC STSD = FourCC.of("stsd");
    public static final FourCC STTS = FourCC.of("stts");
    public static final FourCC CTTS = FourCC.of("ctts");
    public static final FourCC CSLG = FourCC.of("cslg");
    public static final FourCC STSS = FourCC.of("stss");
    public static final FourCC SDTP = FourCC.of("sdtp");
    public static final FourCC STSC = FourCC.of("stsc");
    public static final FourCC STSZ = FourCC.of("stsz");
    public static final FourCC STZ2 = FourCC.of("stz2");
    public static final FourCC STCO = FourCC.of("stco");
    public static final FourCC CO64 = FourCC.of("co64");
    public static final FourCC MVEX = FourCC.of("mvex");
    public static final FourCC MEHD = FourCC.of("mehd");
    public static final FourCC TREX = FourCC.of("trex");
    public static final FourCC MOOF = FourCC.of("moof");
    public static final FourCC MFHD = FourCC.of("mfhd");
    public static final FourCC TRAF = FourCC.of("traf");
    public static final FourCC TFHD = FourCC.of("tfhd");
    public static final FourCC TFDT = FourCC.of("tfdt");
    public static final FourCC TRUN = FourCC.of("trun");
    public static final FourCC SIDX = FourCC.of("sidx");
    public static final FourCC MFRA = FourCC.of("mfra");
    public static final FourCC TFRA = FourCC.of("tfra");
    public static final FourCC MFRO = FourCC.of("mfro");
    public static final FourCC FREE = FourCC.of("free");
    public static final FourCC SKIP = FourCC.of("skip");
    public static final FourCC WIDE = FourCC.of("wide");
    public static final FourCC MDAT = FourCC.of("mdat");
    public static final FourCC UDTA = FourCC.of("udta");
    public static final FourCC UUID = FourCC.of("uuid");
    public static final FourCC META = FourCC.of("meta");

    private BoxTypes() {
    }
}

package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitReader;
import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.codecs.bits.BitstreamException.Kind;

/**
 * The Huffman codebooks of AAC (ISO/IEC 14496-3, Annex 4.A): the scalefactor codebook (Table 4.A.1) and
 * the eleven spectral codebooks (Tables 4.A.2 to 4.A.12), as data of the standard, and the decoders built
 * from them at class initialisation.
 *
 * <p>Each table lists its codewords by index; an entry {@code 0xLL_CCCCC} is a codeword of {@code 0xLL}
 * bits (hexadecimal) whose value, right-aligned, is {@code 0xCCCCC}. Every codebook is a complete prefix
 * code (the Kraft sum of its lengths is exactly 1), which the class initialiser checks, so no bit string
 * is an invalid codeword: only the end of the data stops a decode.
 *
 * <p>Spectral index layout (4.6.3.3): a quad codebook (1 to 4) packs {@code w, x, y, z} as
 * {@code 27w + 9x + 3y + z}, a pair codebook (5 to 11) packs {@code y, z} as {@code mod * y + z}; signed
 * codebooks (1, 2, 5, 6) offset each value by the largest absolute value, unsigned ones (3, 4, 7 to 11)
 * are followed by one sign bit per non-zero value, and in codebook 11 a value of 16 is an escape.
 */
final class AacCodebooks {
    private AacCodebooks() {
    }

    /** Table 4.A.1, the scalefactor codebook: index 0..120 is the scalefactor difference + 60 (121 codewords). */
    static final int[] SCALEFACTOR = {
        0x12_3FFE8, 0x12_3FFE6, 0x12_3FFE7, 0x12_3FFE5, 0x13_7FFF5, 0x13_7FFF1, 0x13_7FFED, 0x13_7FFF6,
        0x13_7FFEE, 0x13_7FFEF, 0x13_7FFF0, 0x13_7FFFC, 0x13_7FFFD, 0x13_7FFFF, 0x13_7FFFE, 0x13_7FFF7,
        0x13_7FFF8, 0x13_7FFFB, 0x13_7FFF9, 0x12_3FFE4, 0x13_7FFFA, 0x12_3FFE3, 0x11_1FFEF, 0x11_1FFF0,
        0x10_0FFF5, 0x11_1FFEE, 0x10_0FFF2, 0x10_0FFF3, 0x10_0FFF4, 0x10_0FFF1, 0x0F_07FF6, 0x0F_07FF7,
        0x0E_03FF9, 0x0E_03FF5, 0x0E_03FF7, 0x0E_03FF3, 0x0E_03FF6, 0x0E_03FF2, 0x0D_01FF7, 0x0D_01FF5,
        0x0C_00FF9, 0x0C_00FF7, 0x0C_00FF6, 0x0B_007F9, 0x0C_00FF4, 0x0B_007F8, 0x0A_003F9, 0x0A_003F7,
        0x0A_003F5, 0x09_001F8, 0x09_001F7, 0x08_000FA, 0x08_000F8, 0x08_000F6, 0x07_00079, 0x06_0003A,
        0x06_00038, 0x05_0001A, 0x04_0000B, 0x03_00004, 0x01_00000, 0x04_0000A, 0x04_0000C, 0x05_0001B,
        0x06_00039, 0x06_0003B, 0x07_00078, 0x07_0007A, 0x08_000F7, 0x08_000F9, 0x09_001F6, 0x09_001F9,
        0x0A_003F4, 0x0A_003F6, 0x0A_003F8, 0x0B_007F5, 0x0B_007F4, 0x0B_007F6, 0x0B_007F7, 0x0C_00FF5,
        0x0C_00FF8, 0x0D_01FF4, 0x0D_01FF6, 0x0D_01FF8, 0x0E_03FF8, 0x0E_03FF4, 0x10_0FFF0, 0x0F_07FF4,
        0x10_0FFF6, 0x0F_07FF5, 0x12_3FFE2, 0x13_7FFD9, 0x13_7FFDA, 0x13_7FFDB, 0x13_7FFDC, 0x13_7FFDD,
        0x13_7FFDE, 0x13_7FFD8, 0x13_7FFD2, 0x13_7FFD3, 0x13_7FFD4, 0x13_7FFD5, 0x13_7FFD6, 0x13_7FFF2,
        0x13_7FFDF, 0x13_7FFE7, 0x13_7FFE8, 0x13_7FFE9, 0x13_7FFEA, 0x13_7FFEB, 0x13_7FFE6, 0x13_7FFE0,
        0x13_7FFE1, 0x13_7FFE2, 0x13_7FFE3, 0x13_7FFE4, 0x13_7FFE5, 0x13_7FFD7, 0x13_7FFEC, 0x13_7FFF4,
        0x13_7FFF3,
    };

    /** Table 4.A.2, spectral codebook 1 (81 codewords). */
    static final int[] SPECTRAL_1 = {
        0x0B_007F8, 0x09_001F1, 0x0B_007FD, 0x0A_003F5, 0x07_00068, 0x0A_003F0, 0x0B_007F7, 0x09_001EC,
        0x0B_007F5, 0x0A_003F1, 0x07_00072, 0x0A_003F4, 0x07_00074, 0x05_00011, 0x07_00076, 0x09_001EB,
        0x07_0006C, 0x0A_003F6, 0x0B_007FC, 0x09_001E1, 0x0B_007F1, 0x09_001F0, 0x07_00061, 0x09_001F6,
        0x0B_007F2, 0x09_001EA, 0x0B_007FB, 0x09_001F2, 0x07_00069, 0x09_001ED, 0x07_00077, 0x05_00017,
        0x07_0006F, 0x09_001E6, 0x07_00064, 0x09_001E5, 0x07_00067, 0x05_00015, 0x07_00062, 0x05_00012,
        0x01_00000, 0x05_00014, 0x07_00065, 0x05_00016, 0x07_0006D, 0x09_001E9, 0x07_00063, 0x09_001E4,
        0x07_0006B, 0x05_00013, 0x07_00071, 0x09_001E3, 0x07_00070, 0x09_001F3, 0x0B_007FE, 0x09_001E7,
        0x0B_007F3, 0x09_001EF, 0x07_00060, 0x09_001EE, 0x0B_007F0, 0x09_001E2, 0x0B_007FA, 0x0A_003F3,
        0x07_0006A, 0x09_001E8, 0x07_00075, 0x05_00010, 0x07_00073, 0x09_001F4, 0x07_0006E, 0x0A_003F7,
        0x0B_007F6, 0x09_001E0, 0x0B_007F9, 0x0A_003F2, 0x07_00066, 0x09_001F5, 0x0B_007FF, 0x09_001F7,
        0x0B_007F4,
    };

    /** Table 4.A.3, spectral codebook 2 (81 codewords). */
    static final int[] SPECTRAL_2 = {
        0x09_001F3, 0x07_0006F, 0x09_001FD, 0x08_000EB, 0x06_00023, 0x08_000EA, 0x09_001F7, 0x08_000E8,
        0x09_001FA, 0x08_000F2, 0x06_0002D, 0x07_00070, 0x06_00020, 0x05_00006, 0x06_0002B, 0x07_0006E,
        0x06_00028, 0x08_000E9, 0x09_001F9, 0x07_00066, 0x08_000F8, 0x08_000E7, 0x06_0001B, 0x08_000F1,
        0x09_001F4, 0x07_0006B, 0x09_001F5, 0x08_000EC, 0x06_0002A, 0x07_0006C, 0x06_0002C, 0x05_0000A,
        0x06_00027, 0x07_00067, 0x06_0001A, 0x08_000F5, 0x06_00024, 0x05_00008, 0x06_0001F, 0x05_00009,
        0x03_00000, 0x05_00007, 0x06_0001D, 0x05_0000B, 0x06_00030, 0x08_000EF, 0x06_0001C, 0x07_00064,
        0x06_0001E, 0x05_0000C, 0x06_00029, 0x08_000F3, 0x06_0002F, 0x08_000F0, 0x09_001FC, 0x07_00071,
        0x09_001F2, 0x08_000F4, 0x06_00021, 0x08_000E6, 0x08_000F7, 0x07_00068, 0x09_001F8, 0x08_000EE,
        0x06_00022, 0x07_00065, 0x06_00031, 0x04_00002, 0x06_00026, 0x08_000ED, 0x06_00025, 0x07_0006A,
        0x09_001FB, 0x07_00072, 0x09_001FE, 0x07_00069, 0x06_0002E, 0x08_000F6, 0x09_001FF, 0x07_0006D,
        0x09_001F6,
    };

    /** Table 4.A.4, spectral codebook 3 (81 codewords). */
    static final int[] SPECTRAL_3 = {
        0x01_00000, 0x04_00009, 0x08_000EF, 0x04_0000B, 0x05_00019, 0x08_000F0, 0x09_001EB, 0x09_001E6,
        0x0A_003F2, 0x04_0000A, 0x06_00035, 0x09_001EF, 0x06_00034, 0x06_00037, 0x09_001E9, 0x09_001ED,
        0x09_001E7, 0x0A_003F3, 0x09_001EE, 0x0A_003ED, 0x0D_01FFA, 0x09_001EC, 0x09_001F2, 0x0B_007F9,
        0x0B_007F8, 0x0A_003F8, 0x0C_00FF8, 0x04_00008, 0x06_00038, 0x0A_003F6, 0x06_00036, 0x07_00075,
        0x0A_003F1, 0x0A_003EB, 0x0A_003EC, 0x0C_00FF4, 0x05_00018, 0x07_00076, 0x0B_007F4, 0x06_00039,
        0x07_00074, 0x0A_003EF, 0x09_001F3, 0x09_001F4, 0x0B_007F6, 0x09_001E8, 0x0A_003EA, 0x0D_01FFC,
        0x08_000F2, 0x09_001F1, 0x0C_00FFB, 0x0A_003F5, 0x0B_007F3, 0x0C_00FFC, 0x08_000EE, 0x0A_003F7,
        0x0F_07FFE, 0x09_001F0, 0x0B_007F5, 0x0F_07FFD, 0x0D_01FFB, 0x0E_03FFA, 0x10_0FFFF, 0x08_000F1,
        0x0A_003F0, 0x0E_03FFC, 0x09_001EA, 0x0A_003EE, 0x0E_03FFB, 0x0C_00FF6, 0x0C_00FFA, 0x0F_07FFC,
        0x0B_007F2, 0x0C_00FF5, 0x10_0FFFE, 0x0A_003F4, 0x0B_007F7, 0x0F_07FFB, 0x0C_00FF7, 0x0C_00FF9,
        0x0F_07FFA,
    };

    /** Table 4.A.5, spectral codebook 4 (81 codewords). */
    static final int[] SPECTRAL_4 = {
        0x04_00007, 0x05_00016, 0x08_000F6, 0x05_00018, 0x04_00008, 0x08_000EF, 0x09_001EF, 0x08_000F3,
        0x0B_007F8, 0x05_00019, 0x05_00017, 0x08_000ED, 0x05_00015, 0x04_00001, 0x08_000E2, 0x08_000F0,
        0x07_00070, 0x0A_003F0, 0x09_001EE, 0x08_000F1, 0x0B_007FA, 0x08_000EE, 0x08_000E4, 0x0A_003F2,
        0x0B_007F6, 0x0A_003EF, 0x0B_007FD, 0x04_00005, 0x05_00014, 0x08_000F2, 0x04_00009, 0x04_00004,
        0x08_000E5, 0x08_000F4, 0x08_000E8, 0x0A_003F4, 0x04_00006, 0x04_00002, 0x08_000E7, 0x04_00003,
        0x04_00000, 0x07_0006B, 0x08_000E3, 0x07_00069, 0x09_001F3, 0x08_000EB, 0x08_000E6, 0x0A_003F6,
        0x07_0006E, 0x07_0006A, 0x09_001F4, 0x0A_003EC, 0x09_001F0, 0x0A_003F9, 0x08_000F5, 0x08_000EC,
        0x0B_007FB, 0x08_000EA, 0x07_0006F, 0x0A_003F7, 0x0B_007F9, 0x0A_003F3, 0x0C_00FFF, 0x08_000E9,
        0x07_0006D, 0x0A_003F8, 0x07_0006C, 0x07_00068, 0x09_001F5, 0x0A_003EE, 0x09_001F2, 0x0B_007F4,
        0x0B_007F7, 0x0A_003F1, 0x0C_00FFE, 0x0A_003ED, 0x09_001F1, 0x0B_007F5, 0x0B_007FE, 0x0A_003F5,
        0x0B_007FC,
    };

    /** Table 4.A.6, spectral codebook 5 (81 codewords). */
    static final int[] SPECTRAL_5 = {
        0x0D_01FFF, 0x0C_00FF7, 0x0B_007F4, 0x0B_007E8, 0x0A_003F1, 0x0B_007EE, 0x0B_007F9, 0x0C_00FF8,
        0x0D_01FFD, 0x0C_00FFD, 0x0B_007F1, 0x0A_003E8, 0x09_001E8, 0x08_000F0, 0x09_001EC, 0x0A_003EE,
        0x0B_007F2, 0x0C_00FFA, 0x0C_00FF4, 0x0A_003EF, 0x09_001F2, 0x08_000E8, 0x07_00070, 0x08_000EC,
        0x09_001F0, 0x0A_003EA, 0x0B_007F3, 0x0B_007EB, 0x09_001EB, 0x08_000EA, 0x05_0001A, 0x04_00008,
        0x05_00019, 0x08_000EE, 0x09_001EF, 0x0B_007ED, 0x0A_003F0, 0x08_000F2, 0x07_00073, 0x04_0000B,
        0x01_00000, 0x04_0000A, 0x07_00071, 0x08_000F3, 0x0B_007E9, 0x0B_007EF, 0x09_001EE, 0x08_000EF,
        0x05_00018, 0x04_00009, 0x05_0001B, 0x08_000EB, 0x09_001E9, 0x0B_007EC, 0x0B_007F6, 0x0A_003EB,
        0x09_001F3, 0x08_000ED, 0x07_00072, 0x08_000E9, 0x09_001F1, 0x0A_003ED, 0x0B_007F7, 0x0C_00FF6,
        0x0B_007F0, 0x0A_003E9, 0x09_001ED, 0x08_000F1, 0x09_001EA, 0x0A_003EC, 0x0B_007F8, 0x0C_00FF9,
        0x0D_01FFC, 0x0C_00FFC, 0x0C_00FF5, 0x0B_007EA, 0x0A_003F3, 0x0A_003F2, 0x0B_007F5, 0x0C_00FFB,
        0x0D_01FFE,
    };

    /** Table 4.A.7, spectral codebook 6 (81 codewords). */
    static final int[] SPECTRAL_6 = {
        0x0B_007FE, 0x0A_003FD, 0x09_001F1, 0x09_001EB, 0x09_001F4, 0x09_001EA, 0x09_001F0, 0x0A_003FC,
        0x0B_007FD, 0x0A_003F6, 0x09_001E5, 0x08_000EA, 0x07_0006C, 0x07_00071, 0x07_00068, 0x08_000F0,
        0x09_001E6, 0x0A_003F7, 0x09_001F3, 0x08_000EF, 0x06_00032, 0x06_00027, 0x06_00028, 0x06_00026,
        0x06_00031, 0x08_000EB, 0x09_001F7, 0x09_001E8, 0x07_0006F, 0x06_0002E, 0x04_00008, 0x04_00004,
        0x04_00006, 0x06_00029, 0x07_0006B, 0x09_001EE, 0x09_001EF, 0x07_00072, 0x06_0002D, 0x04_00002,
        0x04_00000, 0x04_00003, 0x06_0002F, 0x07_00073, 0x09_001FA, 0x09_001E7, 0x07_0006E, 0x06_0002B,
        0x04_00007, 0x04_00001, 0x04_00005, 0x06_0002C, 0x07_0006D, 0x09_001EC, 0x09_001F9, 0x08_000EE,
        0x06_00030, 0x06_00024, 0x06_0002A, 0x06_00025, 0x06_00033, 0x08_000EC, 0x09_001F2, 0x0A_003F8,
        0x09_001E4, 0x08_000ED, 0x07_0006A, 0x07_00070, 0x07_00069, 0x07_00074, 0x08_000F1, 0x0A_003FA,
        0x0B_007FF, 0x0A_003F9, 0x09_001F6, 0x09_001ED, 0x09_001F8, 0x09_001E9, 0x09_001F5, 0x0A_003FB,
        0x0B_007FC,
    };

    /** Table 4.A.8, spectral codebook 7 (64 codewords). */
    static final int[] SPECTRAL_7 = {
        0x01_00000, 0x03_00005, 0x06_00037, 0x07_00074, 0x08_000F2, 0x09_001EB, 0x0A_003ED, 0x0B_007F7,
        0x03_00004, 0x04_0000C, 0x06_00035, 0x07_00071, 0x08_000EC, 0x08_000EE, 0x09_001EE, 0x09_001F5,
        0x06_00036, 0x06_00034, 0x07_00072, 0x08_000EA, 0x08_000F1, 0x09_001E9, 0x09_001F3, 0x0A_003F5,
        0x07_00073, 0x07_00070, 0x08_000EB, 0x08_000F0, 0x09_001F1, 0x09_001F0, 0x0A_003EC, 0x0A_003FA,
        0x08_000F3, 0x08_000ED, 0x09_001E8, 0x09_001EF, 0x0A_003EF, 0x0A_003F1, 0x0A_003F9, 0x0B_007FB,
        0x09_001ED, 0x08_000EF, 0x09_001EA, 0x09_001F2, 0x0A_003F3, 0x0A_003F8, 0x0B_007F9, 0x0B_007FC,
        0x0A_003EE, 0x09_001EC, 0x09_001F4, 0x0A_003F4, 0x0A_003F7, 0x0B_007F8, 0x0C_00FFD, 0x0C_00FFE,
        0x0B_007F6, 0x0A_003F0, 0x0A_003F2, 0x0A_003F6, 0x0B_007FA, 0x0B_007FD, 0x0C_00FFC, 0x0C_00FFF,
    };

    /** Table 4.A.9, spectral codebook 8 (64 codewords). */
    static final int[] SPECTRAL_8 = {
        0x05_0000E, 0x04_00005, 0x05_00010, 0x06_00030, 0x07_0006F, 0x08_000F1, 0x09_001FA, 0x0A_003FE,
        0x04_00003, 0x03_00000, 0x04_00004, 0x05_00012, 0x06_0002C, 0x07_0006A, 0x07_00075, 0x08_000F8,
        0x05_0000F, 0x04_00002, 0x04_00006, 0x05_00014, 0x06_0002E, 0x07_00069, 0x07_00072, 0x08_000F5,
        0x06_0002F, 0x05_00011, 0x05_00013, 0x06_0002A, 0x06_00032, 0x07_0006C, 0x08_000EC, 0x08_000FA,
        0x07_00071, 0x06_0002B, 0x06_0002D, 0x06_00031, 0x07_0006D, 0x07_00070, 0x08_000F2, 0x09_001F9,
        0x08_000EF, 0x07_00068, 0x06_00033, 0x07_0006B, 0x07_0006E, 0x08_000EE, 0x08_000F9, 0x0A_003FC,
        0x09_001F8, 0x07_00074, 0x07_00073, 0x08_000ED, 0x08_000F0, 0x08_000F6, 0x09_001F6, 0x09_001FD,
        0x0A_003FD, 0x08_000F3, 0x08_000F4, 0x08_000F7, 0x09_001F7, 0x09_001FB, 0x09_001FC, 0x0A_003FF,
    };

    /** Table 4.A.10, spectral codebook 9 (169 codewords). */
    static final int[] SPECTRAL_9 = {
        0x01_00000, 0x03_00005, 0x06_00037, 0x08_000E7, 0x09_001DE, 0x0A_003CE, 0x0A_003D9, 0x0B_007C8,
        0x0B_007CD, 0x0C_00FC8, 0x0C_00FDD, 0x0D_01FE4, 0x0D_01FEC, 0x03_00004, 0x04_0000C, 0x06_00035,
        0x07_00072, 0x08_000EA, 0x08_000ED, 0x09_001E2, 0x0A_003D1, 0x0A_003D3, 0x0A_003E0, 0x0B_007D8,
        0x0C_00FCF, 0x0C_00FD5, 0x06_00036, 0x06_00034, 0x07_00071, 0x08_000E8, 0x08_000EC, 0x09_001E1,
        0x0A_003CF, 0x0A_003DD, 0x0A_003DB, 0x0B_007D0, 0x0C_00FC7, 0x0C_00FD4, 0x0C_00FE4, 0x08_000E6,
        0x07_00070, 0x08_000E9, 0x09_001DD, 0x09_001E3, 0x0A_003D2, 0x0A_003DC, 0x0B_007CC, 0x0B_007CA,
        0x0B_007DE, 0x0C_00FD8, 0x0C_00FEA, 0x0D_01FDB, 0x09_001DF, 0x08_000EB, 0x09_001DC, 0x09_001E6,
        0x0A_003D5, 0x0A_003DE, 0x0B_007CB, 0x0B_007DD, 0x0B_007DC, 0x0C_00FCD, 0x0C_00FE2, 0x0C_00FE7,
        0x0D_01FE1, 0x0A_003D0, 0x09_001E0, 0x09_001E4, 0x0A_003D6, 0x0B_007C5, 0x0B_007D1, 0x0B_007DB,
        0x0C_00FD2, 0x0B_007E0, 0x0C_00FD9, 0x0C_00FEB, 0x0D_01FE3, 0x0D_01FE9, 0x0B_007C4, 0x09_001E5,
        0x0A_003D7, 0x0B_007C6, 0x0B_007CF, 0x0B_007DA, 0x0C_00FCB, 0x0C_00FDA, 0x0C_00FE3, 0x0C_00FE9,
        0x0D_01FE6, 0x0D_01FF3, 0x0D_01FF7, 0x0B_007D3, 0x0A_003D8, 0x0A_003E1, 0x0B_007D4, 0x0B_007D9,
        0x0C_00FD3, 0x0C_00FDE, 0x0D_01FDD, 0x0D_01FD9, 0x0D_01FE2, 0x0D_01FEA, 0x0D_01FF1, 0x0D_01FF6,
        0x0B_007D2, 0x0A_003D4, 0x0A_003DA, 0x0B_007C7, 0x0B_007D7, 0x0B_007E2, 0x0C_00FCE, 0x0C_00FDB,
        0x0D_01FD8, 0x0D_01FEE, 0x0E_03FF0, 0x0D_01FF4, 0x0E_03FF2, 0x0B_007E1, 0x0A_003DF, 0x0B_007C9,
        0x0B_007D6, 0x0C_00FCA, 0x0C_00FD0, 0x0C_00FE5, 0x0C_00FE6, 0x0D_01FEB, 0x0D_01FEF, 0x0E_03FF3,
        0x0E_03FF4, 0x0E_03FF5, 0x0C_00FE0, 0x0B_007CE, 0x0B_007D5, 0x0C_00FC6, 0x0C_00FD1, 0x0C_00FE1,
        0x0D_01FE0, 0x0D_01FE8, 0x0D_01FF0, 0x0E_03FF1, 0x0E_03FF8, 0x0E_03FF6, 0x0F_07FFC, 0x0C_00FE8,
        0x0B_007DF, 0x0C_00FC9, 0x0C_00FD7, 0x0C_00FDC, 0x0D_01FDC, 0x0D_01FDF, 0x0D_01FED, 0x0D_01FF5,
        0x0E_03FF9, 0x0E_03FFB, 0x0F_07FFD, 0x0F_07FFE, 0x0D_01FE7, 0x0C_00FCC, 0x0C_00FD6, 0x0C_00FDF,
        0x0D_01FDE, 0x0D_01FDA, 0x0D_01FE5, 0x0D_01FF2, 0x0E_03FFA, 0x0E_03FF7, 0x0E_03FFC, 0x0E_03FFD,
        0x0F_07FFF,
    };

    /** Table 4.A.11, spectral codebook 10 (169 codewords). */
    static final int[] SPECTRAL_10 = {
        0x06_00022, 0x05_00008, 0x06_0001D, 0x06_00026, 0x07_0005F, 0x08_000D3, 0x09_001CF, 0x0A_003D0,
        0x0A_003D7, 0x0A_003ED, 0x0B_007F0, 0x0B_007F6, 0x0C_00FFD, 0x05_00007, 0x04_00000, 0x04_00001,
        0x05_00009, 0x06_00020, 0x07_00054, 0x07_00060, 0x08_000D5, 0x08_000DC, 0x09_001D4, 0x0A_003CD,
        0x0A_003DE, 0x0B_007E7, 0x06_0001C, 0x04_00002, 0x05_00006, 0x05_0000C, 0x06_0001E, 0x06_00028,
        0x07_0005B, 0x08_000CD, 0x08_000D9, 0x09_001CE, 0x09_001DC, 0x0A_003D9, 0x0A_003F1, 0x06_00025,
        0x05_0000B, 0x05_0000A, 0x05_0000D, 0x06_00024, 0x07_00057, 0x07_00061, 0x08_000CC, 0x08_000DD,
        0x09_001CC, 0x09_001DE, 0x0A_003D3, 0x0A_003E7, 0x07_0005D, 0x06_00021, 0x06_0001F, 0x06_00023,
        0x06_00027, 0x07_00059, 0x07_00064, 0x08_000D8, 0x08_000DF, 0x09_001D2, 0x09_001E2, 0x0A_003DD,
        0x0A_003EE, 0x08_000D1, 0x07_00055, 0x06_00029, 0x07_00056, 0x07_00058, 0x07_00062, 0x08_000CE,
        0x08_000E0, 0x08_000E2, 0x09_001DA, 0x0A_003D4, 0x0A_003E3, 0x0B_007EB, 0x09_001C9, 0x07_0005E,
        0x07_0005A, 0x07_0005C, 0x07_00063, 0x08_000CA, 0x08_000DA, 0x09_001C7, 0x09_001CA, 0x09_001E0,
        0x0A_003DB, 0x0A_003E8, 0x0B_007EC, 0x09_001E3, 0x08_000D2, 0x08_000CB, 0x08_000D0, 0x08_000D7,
        0x08_000DB, 0x09_001C6, 0x09_001D5, 0x09_001D8, 0x0A_003CA, 0x0A_003DA, 0x0B_007EA, 0x0B_007F1,
        0x09_001E1, 0x08_000D4, 0x08_000CF, 0x08_000D6, 0x08_000DE, 0x08_000E1, 0x09_001D0, 0x09_001D6,
        0x0A_003D1, 0x0A_003D5, 0x0A_003F2, 0x0B_007EE, 0x0B_007FB, 0x0A_003E9, 0x09_001CD, 0x09_001C8,
        0x09_001CB, 0x09_001D1, 0x09_001D7, 0x09_001DF, 0x0A_003CF, 0x0A_003E0, 0x0A_003EF, 0x0B_007E6,
        0x0B_007F8, 0x0C_00FFA, 0x0A_003EB, 0x09_001DD, 0x09_001D3, 0x09_001D9, 0x09_001DB, 0x0A_003D2,
        0x0A_003CC, 0x0A_003DC, 0x0A_003EA, 0x0B_007ED, 0x0B_007F3, 0x0B_007F9, 0x0C_00FF9, 0x0B_007F2,
        0x0A_003CE, 0x09_001E4, 0x0A_003CB, 0x0A_003D8, 0x0A_003D6, 0x0A_003E2, 0x0A_003E5, 0x0B_007E8,
        0x0B_007F4, 0x0B_007F5, 0x0B_007F7, 0x0C_00FFB, 0x0B_007FA, 0x0A_003EC, 0x0A_003DF, 0x0A_003E1,
        0x0A_003E4, 0x0A_003E6, 0x0A_003F0, 0x0B_007E9, 0x0B_007EF, 0x0C_00FF8, 0x0C_00FFE, 0x0C_00FFC,
        0x0C_00FFF,
    };

    /** Table 4.A.12, spectral codebook 11 (289 codewords). */
    static final int[] SPECTRAL_11 = {
        0x04_00000, 0x05_00006, 0x06_00019, 0x07_0003D, 0x08_0009C, 0x08_000C6, 0x09_001A7, 0x0A_00390,
        0x0A_003C2, 0x0A_003DF, 0x0B_007E6, 0x0B_007F3, 0x0C_00FFB, 0x0B_007EC, 0x0C_00FFA, 0x0C_00FFE,
        0x0A_0038E, 0x05_00005, 0x04_00001, 0x05_00008, 0x06_00014, 0x07_00037, 0x07_00042, 0x08_00092,
        0x08_000AF, 0x09_00191, 0x09_001A5, 0x09_001B5, 0x0A_0039E, 0x0A_003C0, 0x0A_003A2, 0x0A_003CD,
        0x0B_007D6, 0x08_000AE, 0x06_00017, 0x05_00007, 0x05_00009, 0x06_00018, 0x07_00039, 0x07_00040,
        0x08_0008E, 0x08_000A3, 0x08_000B8, 0x09_00199, 0x09_001AC, 0x09_001C1, 0x0A_003B1, 0x0A_00396,
        0x0A_003BE, 0x0A_003CA, 0x08_0009D, 0x07_0003C, 0x06_00015, 0x06_00016, 0x06_0001A, 0x07_0003B,
        0x07_00044, 0x08_00091, 0x08_000A5, 0x08_000BE, 0x09_00196, 0x09_001AE, 0x09_001B9, 0x0A_003A1,
        0x0A_00391, 0x0A_003A5, 0x0A_003D5, 0x08_00094, 0x08_0009A, 0x07_00036, 0x07_00038, 0x07_0003A,
        0x07_00041, 0x08_0008C, 0x08_0009B, 0x08_000B0, 0x08_000C3, 0x09_0019E, 0x09_001AB, 0x09_001BC,
        0x0A_0039F, 0x0A_0038F, 0x0A_003A9, 0x0A_003CF, 0x08_00093, 0x08_000BF, 0x07_0003E, 0x07_0003F,
        0x07_00043, 0x07_00045, 0x08_0009E, 0x08_000A7, 0x08_000B9, 0x09_00194, 0x09_001A2, 0x09_001BA,
        0x09_001C3, 0x0A_003A6, 0x0A_003A7, 0x0A_003BB, 0x0A_003D4, 0x08_0009F, 0x09_001A0, 0x08_0008F,
        0x08_0008D, 0x08_00090, 0x08_00098, 0x08_000A6, 0x08_000B6, 0x08_000C4, 0x09_0019F, 0x09_001AF,
        0x09_001BF, 0x0A_00399, 0x0A_003BF, 0x0A_003B4, 0x0A_003C9, 0x0A_003E7, 0x08_000A8, 0x09_001B6,
        0x08_000AB, 0x08_000A4, 0x08_000AA, 0x08_000B2, 0x08_000C2, 0x08_000C5, 0x09_00198, 0x09_001A4,
        0x09_001B8, 0x0A_0038C, 0x0A_003A4, 0x0A_003C4, 0x0A_003C6, 0x0A_003DD, 0x0A_003E8, 0x08_000AD,
        0x0A_003AF, 0x09_00192, 0x08_000BD, 0x08_000BC, 0x09_0018E, 0x09_00197, 0x09_0019A, 0x09_001A3,
        0x09_001B1, 0x0A_0038D, 0x0A_00398, 0x0A_003B7, 0x0A_003D3, 0x0A_003D1, 0x0A_003DB, 0x0B_007DD,
        0x08_000B4, 0x0A_003DE, 0x09_001A9, 0x09_0019B, 0x09_0019C, 0x09_001A1, 0x09_001AA, 0x09_001AD,
        0x09_001B3, 0x0A_0038B, 0x0A_003B2, 0x0A_003B8, 0x0A_003CE, 0x0A_003E1, 0x0A_003E0, 0x0B_007D2,
        0x0B_007E5, 0x08_000B7, 0x0B_007E3, 0x09_001BB, 0x09_001A8, 0x09_001A6, 0x09_001B0, 0x09_001B2,
        0x09_001B7, 0x0A_0039B, 0x0A_0039A, 0x0A_003BA, 0x0A_003B5, 0x0A_003D6, 0x0B_007D7, 0x0A_003E4,
        0x0B_007D8, 0x0B_007EA, 0x08_000BA, 0x0B_007E8, 0x0A_003A0, 0x09_001BD, 0x09_001B4, 0x0A_0038A,
        0x09_001C4, 0x0A_00392, 0x0A_003AA, 0x0A_003B0, 0x0A_003BC, 0x0A_003D7, 0x0B_007D4, 0x0B_007DC,
        0x0B_007DB, 0x0B_007D5, 0x0B_007F0, 0x08_000C1, 0x0B_007FB, 0x0A_003C8, 0x0A_003A3, 0x0A_00395,
        0x0A_0039D, 0x0A_003AC, 0x0A_003AE, 0x0A_003C5, 0x0A_003D8, 0x0A_003E2, 0x0A_003E6, 0x0B_007E4,
        0x0B_007E7, 0x0B_007E0, 0x0B_007E9, 0x0B_007F7, 0x09_00190, 0x0B_007F2, 0x0A_00393, 0x09_001BE,
        0x09_001C0, 0x0A_00394, 0x0A_00397, 0x0A_003AD, 0x0A_003C3, 0x0A_003C1, 0x0A_003D2, 0x0B_007DA,
        0x0B_007D9, 0x0B_007DF, 0x0B_007EB, 0x0B_007F4, 0x0B_007FA, 0x09_00195, 0x0B_007F8, 0x0A_003BD,
        0x0A_0039C, 0x0A_003AB, 0x0A_003A8, 0x0A_003B3, 0x0A_003B9, 0x0A_003D0, 0x0A_003E3, 0x0A_003E5,
        0x0B_007E2, 0x0B_007DE, 0x0B_007ED, 0x0B_007F1, 0x0B_007F9, 0x0B_007FC, 0x09_00193, 0x0C_00FFD,
        0x0A_003DC, 0x0A_003B6, 0x0A_003C7, 0x0A_003CC, 0x0A_003CB, 0x0A_003D9, 0x0A_003DA, 0x0B_007D3,
        0x0B_007E1, 0x0B_007EE, 0x0B_007EF, 0x0B_007F5, 0x0B_007F6, 0x0C_00FFC, 0x0C_00FFF, 0x09_0019D,
        0x09_001C2, 0x08_000B5, 0x08_000A1, 0x08_00096, 0x08_00097, 0x08_00095, 0x08_00099, 0x08_000A0,
        0x08_000A2, 0x08_000AC, 0x08_000A9, 0x08_000B1, 0x08_000B3, 0x08_000BB, 0x08_000C0, 0x09_0018F,
        0x05_00004,
    };
    /** The scalefactor decoder: returns the index 0..120 (the difference plus 60). */
    static final Huffman SCALEFACTOR_CODE = new Huffman(SCALEFACTOR, "hcod_sf");

    /** The spectral codebooks by number 1..11 (entry 0 unused). */
    static final Spectral[] SPECTRAL = {
        null,
        new Spectral(1, SPECTRAL_1, 4, true, 1),
        new Spectral(2, SPECTRAL_2, 4, true, 1),
        new Spectral(3, SPECTRAL_3, 4, false, 2),
        new Spectral(4, SPECTRAL_4, 4, false, 2),
        new Spectral(5, SPECTRAL_5, 2, true, 4),
        new Spectral(6, SPECTRAL_6, 2, true, 4),
        new Spectral(7, SPECTRAL_7, 2, false, 7),
        new Spectral(8, SPECTRAL_8, 2, false, 7),
        new Spectral(9, SPECTRAL_9, 2, false, 12),
        new Spectral(10, SPECTRAL_10, 2, false, 12),
        new Spectral(11, SPECTRAL_11, 2, false, 16),
    };

    /**
     * A binary decoding tree built from (length, codeword) pairs. Node {@code n} has its 0-child at
     * {@code tree[2n]} and its 1-child at {@code tree[2n + 1]}: a positive value is the next node, a negative
     * one {@code -(index + 1)} a leaf, 0 no codeword (never the case for a complete code).
     */
    static final class Huffman {
        /** Bits resolved by the first lookup; longer codewords take a second. */
        static final int PRIMARY_BITS = 9;

        private final int[] tree;
        private final String name;
        final int maxLength;
        private final int primaryBits;
        private final int[] table;

        Huffman(int[] entries, String name) {
            this.name = name;
            int[] t = new int[4];
            int nodes = 1;
            int max = 0;
            long kraft = 0;
            for (int index = 0; index < entries.length; index++) {
                int length = entries[index] >>> 20;
                int code = entries[index] & 0xFFFFF;
                if (length < 1 || length > 19 || code >>> length != 0) {
                    throw new IllegalStateException(name + ": bad table entry " + index);
                }
                max = Math.max(max, length);
                kraft += 1L << (19 - length);
                int node = 0;
                for (int b = length - 1; b >= 0; b--) {
                    int slot = 2 * node + ((code >>> b) & 1);
                    if (slot >= t.length) {
                        t = java.util.Arrays.copyOf(t, t.length * 2);
                    }
                    if (b == 0) {
                        if (t[slot] != 0) {
                            throw new IllegalStateException(name + ": codeword " + index + " is not prefix-free");
                        }
                        t[slot] = -(index + 1);
                    } else {
                        if (t[slot] < 0) {
                            throw new IllegalStateException(name + ": codeword " + index + " is not prefix-free");
                        }
                        if (t[slot] == 0) {
                            t[slot] = nodes++;
                            if (2 * nodes > t.length) {
                                t = java.util.Arrays.copyOf(t, t.length * 2);
                            }
                        }
                        node = t[slot];
                    }
                }
            }
            if (kraft != 1L << 19) {
                throw new IllegalStateException(name + ": not a complete prefix code");
            }
            this.tree = java.util.Arrays.copyOf(t, 2 * nodes);
            this.maxLength = max;
            this.primaryBits = Math.min(PRIMARY_BITS, max);
            this.table = lookupTable(entries, max, primaryBits);
        }

        /**
         * The two-level lookup table of {@link #lookup}: entry {@code p} of the first {@code 2^primaryBits} is the
         * codeword the first {@code primaryBits} bits begin with, or, when they are the prefix of longer codewords,
         * a link (bit 31 set, offset above bit 5) to a second table of {@code 2^(max - primaryBits)} entries
         * indexed by the bits after them. A codeword entry is {@code index << 5 | length}.
         */
        private static int[] lookupTable(int[] entries, int max, int primaryBits) {
            int secondaryBits = max - primaryBits;
            int primarySize = 1 << primaryBits;
            int[] t = new int[primarySize];
            int next = primarySize;
            for (int index = 0; index < entries.length; index++) {
                int length = entries[index] >>> 20;
                int code = entries[index] & 0xFFFFF;
                int entry = index << 5 | length;
                if (length <= primaryBits) {
                    int from = code << (primaryBits - length);
                    java.util.Arrays.fill(t, from, from + (1 << (primaryBits - length)), entry);
                    continue;
                }
                int prefix = code >>> (length - primaryBits);
                if (t[prefix] == 0) {
                    t[prefix] = 0x8000_0000 | next << 5;
                    next += 1 << secondaryBits;
                    t = java.util.Arrays.copyOf(t, next);
                }
                int base = (t[prefix] & 0x7FFF_FFFF) >>> 5;
                int rest = code & ((1 << (length - primaryBits)) - 1);
                int from = base + (rest << (max - length));
                java.util.Arrays.fill(t, from, from + (1 << (max - length)), entry);
            }
            return t;
        }

        /**
         * The table entry ({@code index << 5 | length}) of the codeword the {@code maxLength} bits {@code bits}
         * (most significant first) begin with. Every bit string begins with one: the code is complete.
         */
        int lookup(int bits) {
            int e = table[bits >>> (maxLength - primaryBits)];
            if (e < 0) {
                e = table[((e & 0x7FFF_FFFF) >>> 5) + (bits & ((1 << (maxLength - primaryBits)) - 1))];
            }
            return e;
        }

        /**
         * Reads one codeword and returns its index, by table lookup: the fast twin of {@link #decode}, equal to it
         * for every input (a codeword the end of the data cuts is left to {@link #decode}, which says so).
         */
        int decodeFast(BitReader r) throws BitstreamException {
            int e = lookup(r.peek(maxLength));
            int length = e & 31;
            if (length > r.remaining()) {
                return decode(r);
            }
            r.skip(length, name);
            return e >>> 5;
        }

        /** Reads one codeword bit by bit down the tree and returns its index: the reference decoder. */
        int decode(BitReader r) throws BitstreamException {
            long at = r.position();
            int node = 0;
            while (true) {
                int next = tree[2 * node + (r.flag(name) ? 1 : 0)];
                if (next < 0) {
                    return -next - 1;
                }
                if (next == 0) {
                    throw r.error(Kind.INVALID, at, name + ": no such Huffman codeword");
                }
                node = next;
            }
        }
    }

    /** A spectral codebook: its decoder, and for each index the sign bits and escapes that follow it. */
    static final class Spectral {
        final int number;
        final Huffman code;
        final int dimension;
        final boolean signed;
        final int largestAbsoluteValue;
        /** Per index: the sign bits after the codeword (unsigned codebooks: one per non-zero value). */
        final byte[] signBits;
        /** Per index, codebook 11 only: bit 1 when y is an escape (16), bit 0 when z is. */
        final byte[] escapes;

        Spectral(int number, int[] entries, int dimension, boolean signed, int lav) {
            this.number = number;
            this.code = new Huffman(entries, "spectral codebook " + number);
            this.dimension = dimension;
            this.signed = signed;
            this.largestAbsoluteValue = lav;
            int mod = signed ? 2 * lav + 1 : lav + 1;
            int expected = dimension == 4 ? mod * mod * mod * mod : mod * mod;
            if (entries.length != expected) {
                throw new IllegalStateException("spectral codebook " + number + ": " + entries.length + " entries");
            }
            signBits = new byte[entries.length];
            escapes = new byte[entries.length];
            for (int index = 0; index < entries.length; index++) {
                int rest = index;
                int nonZero = 0;
                int escape = 0;
                for (int d = 0; d < dimension; d++) {
                    int v = rest % mod;
                    rest /= mod;
                    if (!signed && v != 0) {
                        nonZero++;
                    }
                    if (number == 11 && v == 16) {
                        escape |= 1 << d;
                    }
                }
                signBits[index] = (byte) nonZero;
                escapes[index] = (byte) escape;
            }
            multi = multiTable();
            stepMaxLines = 2 * dimension;
            steps = stepTable();
        }

        /** Bits the multi-codeword table looks at. */
        static final int MULTI_BITS = 12;

        /**
         * For every {@link #MULTI_BITS}-bit string: how many whole codewords with their sign bits it begins with
         * (high 4 bits) and how many bits they take (low 4 bits), stopping before a codeword with an escape. Quiet
         * bands are mostly 1- to 4-bit codewords, so one lookup often decodes several.
         */
        final byte[] multi;

        private byte[] multiTable() {
            byte[] t = new byte[1 << MULTI_BITS];
            int pad = code.maxLength;
            for (int v = 0; v < t.length; v++) {
                int used = 0;
                int count = 0;
                while (true) {
                    // The bits after the string are unknown: zeros here, so a codeword reaching into them does not
                    // count (its length shows it does not fit).
                    long window = ((long) v << (pad + used)) >>> MULTI_BITS;
                    int e = code.lookup((int) (window & ((1L << pad) - 1)));
                    int index = e >>> 5;
                    int bits = (e & 31) + signBits[index];
                    if (used + bits > MULTI_BITS || escapes[index] != 0) {
                        break;
                    }
                    used += bits;
                    count++;
                }
                t[v] = (byte) (count << 4 | used);
            }
            return t;
        }

        /** Bits {@link #steps} looks at. */
        static final int STEP_BITS = 12;
        /**
         * {@link #steps}: the step is the first codeword alone and it has escapes or is longer than
         * {@link #STEP_BITS}: decode it with {@link #code}, {@link #signBits} and {@link #escapes}.
         */
        static final int STEP_SLOW = 0x8000;

        /**
         * For every {@link #STEP_BITS}-bit string, what the length-only scan ({@link FrameLengthScan}) needs from one
         * lookup: the whole codewords with their sign bits the string begins with, stopping before an escape and at
         * {@link #stepMaxLines} lines, or if there is none the first codeword alone; their bits (0 to 4) and the
         * spectral lines they cover (8 to 12), or {@link #STEP_SLOW}. Two bytes an entry, so that the tables of the
         * codebooks a frame uses stay in the L1 cache together (8 KiB each). The values are never needed.
         */
        final char[] steps;
        /**
         * The most lines a {@link #steps} entry covers: two codewords. Noise codes mostly take 5 to 8 bits, so an
         * entry rarely holds more, and a small bound lets the three-step loop of the scan run closer to the end
         * of a section (many sections are a band of 4 to 16 lines).
         */
        final int stepMaxLines;

        private char[] stepTable() {
            char[] t = new char[1 << STEP_BITS];
            int max = code.maxLength;
            for (int v = 0; v < t.length; v++) {
                int used = 0;
                int count = 0;
                int firstBits = 0;
                boolean slow = false;
                while (true) {
                    // The bits after the string are unknown: zeros here, so a codeword reaching into them is seen
                    // by its length not to fit.
                    long window = ((long) v << (max + used)) >>> STEP_BITS;
                    int e = code.lookup((int) (window & ((1L << max) - 1)));
                    int index = e >>> 5;
                    int length = e & 31;
                    int bits = length + signBits[index];
                    if (count == 0) {
                        slow = length > STEP_BITS || escapes[index] != 0;
                        firstBits = bits;
                    }
                    if (used + bits > STEP_BITS || escapes[index] != 0 || (count + 1) * dimension > stepMaxLines) {
                        break;
                    }
                    used += bits;
                    count++;
                }
                int entry = slow ? STEP_SLOW : count > 0 ? used | count * dimension << 8 : firstBits | dimension << 8;
                t[v] = (char) entry;
            }
            return t;
        }
    }
}

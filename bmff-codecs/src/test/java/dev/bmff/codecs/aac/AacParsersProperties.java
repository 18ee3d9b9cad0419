package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.box.Bytes;
import dev.bmff.core.testing.FuzzRegressions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The configuration parsers on arbitrary bytes: a BitstreamException is the only failure allowed. Failing inputs
 * go to the {@code aac} target, whose replay ({@link RawDataBlockParserProperties#check}) runs all three.
 */
class AacParsersProperties {
    private interface Parse {
        void run() throws BitstreamException;
    }

    @Property(tries = 1000)
    void audioSpecificConfig_onArbitraryBytes_throwsOnlyBitstreamException(@ForAll @Size(max = 40) byte[] data) {
        FuzzRegressions.guard(RawDataBlockParserProperties.TARGET, data, () -> typed(() -> AudioSpecificConfig.parse(data)));
    }

    @Property(tries = 1000)
    void esds_onArbitraryBytes_throwsOnlyBitstreamException(@ForAll @Size(max = 80) byte[] data) {
        FuzzRegressions.guard(RawDataBlockParserProperties.TARGET, data,
                () -> typed(() -> EsDescriptor.parseEsds(Bytes.of(data))));
    }

    @Property(tries = 1000)
    void adtsHeader_onArbitraryBytes_throwsOnlyBitstreamException(@ForAll @Size(min = 0, max = 12) byte[] data) {
        FuzzRegressions.guard(RawDataBlockParserProperties.TARGET, data, () -> typed(() -> AdtsHeader.parse(data, 0)));
    }

    /** {@code data} as an AudioSpecificConfig, an esds payload and an ADTS header. */
    static void parseConfigs(byte[] data) {
        typed(() -> AudioSpecificConfig.parse(data));
        typed(() -> EsDescriptor.parseEsds(Bytes.of(data)));
        typed(() -> AdtsHeader.parse(data, 0));
    }

    private static void typed(Parse p) {
        try {
            p.run();
        } catch (BitstreamException expected) {
            // a typed error is the only allowed failure
        }
    }
}

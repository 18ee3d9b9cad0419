package dev.bmff.codecs.aac;

import dev.bmff.codecs.bits.BitstreamException;
import dev.bmff.core.box.Bytes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class AacParsersProperties {
    @Property(tries = 1000)
    void audioSpecificConfig_onArbitraryBytes_throwsOnlyBitstreamException(@ForAll @Size(max = 40) byte[] data) {
        try {
            AudioSpecificConfig.parse(data);
        } catch (BitstreamException expected) {
            // a typed error is the only allowed failure
        }
    }

    @Property(tries = 1000)
    void esds_onArbitraryBytes_throwsOnlyBitstreamException(@ForAll @Size(max = 80) byte[] data) {
        try {
            EsDescriptor.parseEsds(Bytes.of(data));
        } catch (BitstreamException expected) {
            // a typed error is the only allowed failure
        }
    }

    @Property(tries = 1000)
    void adtsHeader_onArbitraryBytes_throwsOnlyBitstreamException(@ForAll @Size(min = 0, max = 12) byte[] data) {
        try {
            AdtsHeader.parse(data, 0);
        } catch (BitstreamException expected) {
            // a typed error is the only allowed failure
        }
    }
}

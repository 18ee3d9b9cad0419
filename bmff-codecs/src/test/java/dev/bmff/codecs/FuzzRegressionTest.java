package dev.bmff.codecs;

import dev.bmff.codecs.aac.RawDataBlockParserProperties;
import dev.bmff.codecs.access.AccessUnitAssemblerProperties;
import dev.bmff.codecs.h264.H264Properties;
import dev.bmff.codecs.hevc.HevcProperties;
import dev.bmff.codecs.sync.AudioFrameProperties;
import dev.bmff.codecs.jpeg.JpegPropertiesTest;
import dev.bmff.codecs.mpeg4.Mpeg4PropertiesTest;
import dev.bmff.codecs.prores.ProResPropertiesTest;
import dev.bmff.core.testing.FuzzRegressions;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every input a codec fuzz property ever failed on ({@code fixtures/fuzz/h264/}, {@code hevc/}, {@code aac/},
 * {@code annexb/}, {@code audio/}, {@code mpeg4/}, {@code jpeg/}, {@code prores/}), through the same check as the property that found it: any parser may refuse the bytes with a
 * BitstreamException, nothing else.
 */
class FuzzRegressionTest {
    @TestFactory
    Stream<DynamicTest> h264() {
        return FuzzRegressions.replay(H264Properties.TARGET, H264Properties::check);
    }

    @TestFactory
    Stream<DynamicTest> hevc() {
        return FuzzRegressions.replay(HevcProperties.TARGET, HevcProperties::check);
    }

    @TestFactory
    Stream<DynamicTest> aac() {
        return FuzzRegressions.replay(RawDataBlockParserProperties.TARGET, RawDataBlockParserProperties::check);
    }

    @TestFactory
    Stream<DynamicTest> annexB() {
        return FuzzRegressions.replay(AccessUnitAssemblerProperties.TARGET, AccessUnitAssemblerProperties::check);
    }

    @TestFactory
    Stream<DynamicTest> audio() {
        return FuzzRegressions.replay(AudioFrameProperties.TARGET, AudioFrameProperties::check);
    }

    @TestFactory
    Stream<DynamicTest> mpeg4() {
        return FuzzRegressions.replay(Mpeg4PropertiesTest.TARGET, Mpeg4PropertiesTest::check);
    }

    @TestFactory
    Stream<DynamicTest> jpeg() {
        return FuzzRegressions.replay(JpegPropertiesTest.TARGET, JpegPropertiesTest::check);
    }

    @TestFactory
    Stream<DynamicTest> prores() {
        return FuzzRegressions.replay(ProResPropertiesTest.TARGET, ProResPropertiesTest::check);
    }
}

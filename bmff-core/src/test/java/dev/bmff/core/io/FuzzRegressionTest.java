package dev.bmff.core.io;

import dev.bmff.core.testing.FuzzRegressions;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every input a reader fuzz property ever failed on ({@code fixtures/fuzz/reader/}), through the same check as
 * {@link ReaderFuzzProperties}: strict and lenient read, index and dumps succeed or fail as they must, quickly.
 */
class FuzzRegressionTest {
    @TestFactory
    Stream<DynamicTest> readerFuzzFailures_stayFixed() {
        return FuzzRegressions.replay(ReaderFuzzProperties.TARGET, ReaderFuzzProperties::check);
    }
}

package dev.bmff.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bmff.core.box.Box;
import dev.bmff.core.box.SampleSizeBox;
import dev.bmff.core.box.SyncSampleBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory that should not grow per sample does not. */
class SampleTableBuilderMemoryTest {
    @Test
    void tenMillionPcmSamples_ofFourBytes_retainAFewArraysOfRunsOnly() {
        SampleTableBuilder t = new SampleTableBuilder();
        int chunk = 4096;
        for (int i = 0; i < 10_000_000; i++) {
            if (i % chunk == 0) {
                t.startChunk(48L + 4L * i, 1);
            }
            t.addSample(4, 1, 0, true);
        }
        // 10M samples kept per sample would be 10M+ elements; chunks (2442) dominate what is left.
        assertTrue(t.retainedArrayElements() < 10_000, "retained " + t.retainedArrayElements());
        List<Box> boxes = t.build();
        SampleSizeBox stsz = boxes.stream().filter(SampleSizeBox.class::isInstance).map(SampleSizeBox.class::cast)
                .findFirst().orElseThrow();
        assertEquals(4, stsz.sampleSize());
        assertEquals(10_000_000, stsz.sampleCount());
        assertTrue(boxes.stream().noneMatch(SyncSampleBox.class::isInstance), "all sync: no stss");
    }

    @Test
    void sizesThatChangeEverySample_switchToOneEntryPerSample_andStayExact() {
        SampleTableBuilder t = new SampleTableBuilder();
        t.startChunk(0, 1);
        for (int i = 0; i < 100_000; i++) {
            t.addSample(i % 2 == 0 ? 1000 + i : 7, 1, 0, i % 10 == 0);
        }
        assertTrue(t.retainedArrayElements() < 100_000 * 2 + 20_000, "retained " + t.retainedArrayElements());
        SampleSizeBox stsz = t.build().stream().filter(SampleSizeBox.class::isInstance)
                .map(SampleSizeBox.class::cast).findFirst().orElseThrow();
        assertEquals(1000 + 4242, stsz.entrySizes().get(4242));
        assertEquals(7, stsz.entrySizes().get(4243));
    }
}

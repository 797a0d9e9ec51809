package dev.neuroforge.verif.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Fashion-MNIST FC LIF workload on a 2 x 2 array ({@link ArrayWorkloads}): 20 test images, the
 * same events and final states as the golden model at every step, the same classes, and well above
 * chance. {@code make bench-array} runs 1,000.
 */
class ArrayWorkloadTest {
    @Test
    void fashionMnistFcLifOnA2x2ArrayGivesTheModelsEventsAndClasses() {
        ArrayWorkloads.Summary s = ArrayWorkloads.fcLif(Integer.getInteger("neuroforge.array.samples", 20), 11);
        System.out.println("[array] Fashion-MNIST FC LIF on " + s.line());
        assertNull(s.mismatch());
        assertEquals(0, s.classesDiffer(), "the array's classes are the model's");
        assertTrue(s.correctArray() >= s.samples() / 3, "well above chance (10 classes): " + s.correctArray());
    }
}

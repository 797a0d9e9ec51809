package dev.neuroforge.verif.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency plot both NoC benchmarks share must be written as a readable PNG. */
class NocBenchReportTest {
    @Test
    void writesLatencyPlotAsPngEvenWithLatenciesPastTheAxisCap(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latency.png");
        NocBenchReport.plotLatency(file, "title", "offered load (events/node/cycle)", "mean latency (cycles)", 0.2,
                List.of(new NocBenchReport.Series("multicast", List.of(0.01, 0.1, 0.2), List.of(3.3, 4.3, 1500.0)),
                        new NocBenchReport.Series("replication", List.of(0.01, 0.1, 0.2), List.of(5.0, 8.9, 435.0))));
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "not a readable image: " + file);
        assertEquals(900, image.getWidth());
        assertEquals(560, image.getHeight());
    }
}

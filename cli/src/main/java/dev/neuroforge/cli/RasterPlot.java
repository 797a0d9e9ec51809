package dev.neuroforge.cli;

import dev.neuroforge.generator.Provenance;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.Network;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Spike raster of a run: one dot per event, populations stacked bottom to top, one colour each.
 * The PNG carries the run's provenance as tEXt chunks ({@link #SOFTWARE}, {@link #COMMENT}), which
 * image viewers and {@code exiftool} show and which do not change the picture.
 */
final class RasterPlot {
    /** tEXt keyword: {@code NeuroForge <version>}. */
    static final String SOFTWARE = "Software";
    /** tEXt keyword: {@code Provenance: } and {@link Provenance#text()}. */
    static final String COMMENT = "Comment";
    private static final String PNG_FORMAT = "javax_imageio_png_1.0";

    private RasterPlot() {
    }

    static void write(Path file, Network net, List<List<Event>> steps, Provenance provenance) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1000).height(600).title("Events of " + net.name())
                .xAxisTitle("timestep").yAxisTitle("neuron (populations stacked)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        int offset = 0;
        for (int p = 0; p < net.populations().size(); p++) {
            List<Integer> x = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            for (int t = 0; t < steps.size(); t++) {
                for (Event e : steps.get(t)) {
                    if (e.population() == p) {
                        x.add(t);
                        y.add(offset + e.neuron());
                    }
                }
            }
            if (x.isEmpty()) {
                x.add(0);
                y.add(offset);  // XChart needs a point; an invisible one keeps the legend honest
                chart.addSeries(net.populations().get(p).name() + " (no events)", x, y).setMarker(SeriesMarkers.NONE);
            } else {
                chart.addSeries(net.populations().get(p).name(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
            offset += net.populations().get(p).size();
        }
        writePng(file, BitmapEncoder.getBufferedImage(chart), Map.of(SOFTWARE, "NeuroForge " + provenance.version(),
                COMMENT, "Provenance: " + provenance.text()));
    }

    /** Writes {@code image} as a PNG with one tEXt chunk per entry of {@code text}. */
    static void writePng(Path file, BufferedImage image, Map<String, String> text) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(file.toFile())) {
            IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            IIOMetadataNode tEXt = new IIOMetadataNode("tEXt");
            text.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", e.getKey());
                entry.setAttribute("value", e.getValue());
                tEXt.appendChild(entry);
            });
            IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
            root.appendChild(tEXt);
            try {
                meta.mergeTree(PNG_FORMAT, root);
            } catch (IIOInvalidTreeException e) {
                throw new IOException(file + ": PNG text metadata refused: " + e.getMessage(), e);
            }
            w.setOutput(os);
            w.write(new IIOImage(image, null, meta));
        } finally {
            w.dispose();
        }
    }
}

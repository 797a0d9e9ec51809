package dev.neuroforge.cli;

import dev.neuroforge.model.Event;
import dev.neuroforge.model.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Spike raster of a run: one dot per event, populations stacked bottom to top, one colour each. */
final class RasterPlot {
    private RasterPlot() {
    }

    static void write(Path file, Network net, List<List<Event>> steps) throws IOException {
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
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}

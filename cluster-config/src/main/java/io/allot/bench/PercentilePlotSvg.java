/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A latency percentile plot in SVG, as HdrHistogram's plotter draws an {@code .hgrm} file: the percentile on a
 * logarithmic x axis ({@code log10(1 / (1 - p))}: 0 %, 90 %, 99 %, 99.9 % ... equally spaced) and the latency in
 * microseconds on a linear y axis, one line per histogram of nanoseconds.
 */
final class PercentilePlotSvg
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 540;
    private static final int LEFT = 90;
    private static final int RIGHT = 270;
    private static final int TOP = 64;
    private static final int BOTTOM = 64;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final String[] PALETTE = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1" };
    private static final String[] TICK_LABELS = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%" };
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /**
     * One line.
     *
     * @param name      for the legend.
     * @param histogram values in nanoseconds.
     */
    record Series(String name, Histogram histogram)
    {
    }

    private final StringBuilder svg = new StringBuilder(64 * 1024);
    private double xMax;
    private double yMax;

    /**
     * Render a plot; series with no values are left out.
     *
     * @return the SVG document.
     */
    static String render(final String title, final String subtitle, final List<Series> series)
    {
        return new PercentilePlotSvg().draw(title, subtitle, series);
    }

    /**
     * @param percentile 0 to 100 (exclusive).
     * @return its position on the x axis: {@code log10(1 / (1 - percentile / 100))}.
     */
    static double x(final double percentile)
    {
        return Math.log10(1.0 / (1.0 - Math.min(percentile, 99.9999999) / 100.0));
    }

    /**
     * @return the points of a histogram's line: x as {@link #x(double)}, y in microseconds; the last point is the
     *         maximum, at the x of the last value's rank ({@code log10(count)}).
     */
    static double[][] points(final Histogram histogram)
    {
        final List<double[]> points = new ArrayList<>();
        final long count = histogram.getTotalCount();
        if (0 == count)
        {
            return new double[0][];
        }
        for (final HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE))
        {
            final double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100.0)
            {
                break;
            }
            points.add(new double[]{ x(percentile), histogram.highestEquivalentValue(value.getValueIteratedTo()) / 1_000.0 });
        }
        points.add(new double[]{ Math.max(Math.log10(count), points.isEmpty() ? 0 : points.get(points.size() - 1)[0]),
            histogram.getMaxValue() / 1_000.0 });
        return points.toArray(new double[0][]);
    }

    private String draw(final String title, final String subtitle, final List<Series> series)
    {
        final List<double[][]> lines = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        xMax = 2;
        yMax = 0;
        for (final Series s : series)
        {
            final double[][] points = points(s.histogram());
            if (0 == points.length)
            {
                continue;
            }
            lines.add(points);
            names.add(s.name());
            for (final double[] point : points)
            {
                xMax = Math.max(xMax, point[0]);
                yMax = Math.max(yMax, point[1]);
            }
        }
        xMax = Math.min(Math.ceil(xMax), TICK_LABELS.length - 1);
        final double step = niceStep(Math.max(yMax, 1) / 5);
        yMax = step * Math.ceil(Math.max(yMax, 1) / step);

        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(LEFT, 28, "start", 16, "bold", title);
        text(LEFT, 46, "start", 12, "normal", subtitle);
        axes(step);
        for (int i = 0; i < lines.size(); i++)
        {
            polyline(lines.get(i), PALETTE[i % PALETTE.length]);
            final double y = TOP + 4 + 22 * i;
            final int x = LEFT + PLOT_WIDTH + 20;
            segment(x, y - 4, x + 22, y - 4, PALETTE[i % PALETTE.length], 3);
            text(x + 30, y, "start", 12, "normal", names.get(i));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void axes(final double yStep)
    {
        for (int i = 0; yStep * i <= yMax + 1e-9; i++)
        {
            final double y = py(yStep * i);
            segment(LEFT, y, LEFT + PLOT_WIDTH, y, 0 == i ? "#333333" : "#e6e6e6", 1);
            text(LEFT - 8, y + 4, "end", 12, "normal", String.format(Locale.ROOT, "%,.0f", yStep * i));
        }
        segment(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#333333", 1);
        for (int tick = 0; tick <= xMax; tick++)
        {
            final double x = px(tick);
            segment(x, TOP, x, TOP + PLOT_HEIGHT, "#e6e6e6", 1);
            segment(x, TOP + PLOT_HEIGHT, x, TOP + PLOT_HEIGHT + 5, "#333333", 1);
            text(x, TOP + PLOT_HEIGHT + 20, "middle", 12, "normal", TICK_LABELS[tick]);
        }
        text(LEFT + PLOT_WIDTH / 2.0, HEIGHT - 18, "middle", 12, "normal", "percentile");
        svg.append("<text transform=\"translate(20,").append(fmt(TOP + PLOT_HEIGHT / 2.0))
            .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#333333\">latency (us)</text>\n");
    }

    private void polyline(final double[][] points, final String colour)
    {
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < points.length; i++)
        {
            svg.append(i > 0 ? " " : "").append(fmt(px(points[i][0]))).append(',').append(fmt(py(points[i][1])));
        }
        svg.append("\"/>\n");
    }

    private double px(final double x)
    {
        return LEFT + Math.min(x, xMax) / xMax * PLOT_WIDTH;
    }

    private double py(final double value)
    {
        return TOP + PLOT_HEIGHT - Math.min(value, yMax) / yMax * PLOT_HEIGHT;
    }

    private void segment(final double x1, final double y1, final double x2, final double y2, final String colour, final int width)
    {
        svg.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"").append(fmt(x2))
            .append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width)
            .append("\"/>\n");
    }

    private void text(final double x, final double y, final String anchor, final int size, final String weight, final String content)
    {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"").append(anchor)
            .append("\" font-size=\"").append(size).append("\" font-weight=\"").append(weight).append("\" fill=\"#333333\">")
            .append(content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</text>\n");
    }

    private static double niceStep(final double rough)
    {
        if (rough <= 0)
        {
            return 1;
        }
        final double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        final double fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    private static String fmt(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.bench;

import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG line chart: axes with ticks, a light grid, one coloured line per series, vertical markers with
 * labels (a kill, a new leader) and a legend.
 */
final class LineChartSvg
{
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    private static final int TOP = 64;
    private static final int BOTTOM = 64;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final String[] PALETTE = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1" };

    /**
     * One line.
     *
     * @param name for the legend.
     * @param x    seconds.
     * @param y    values.
     */
    record Series(String name, double[] x, double[] y)
    {
    }

    /**
     * A vertical line at a time, with a label.
     *
     * @param x     seconds.
     * @param label what happened.
     */
    record Marker(double x, String label)
    {
    }

    private final StringBuilder svg = new StringBuilder(64 * 1024);
    private double xMin;
    private double xMax;
    private double yMax;

    /**
     * Render a chart.
     *
     * @return the SVG document.
     */
    static String render(
        final String title,
        final String subtitle,
        final String xLabel,
        final String yLabel,
        final List<Series> series,
        final List<Marker> markers)
    {
        return new LineChartSvg().draw(title, subtitle, xLabel, yLabel, series, markers);
    }

    private String draw(
        final String title,
        final String subtitle,
        final String xLabel,
        final String yLabel,
        final List<Series> series,
        final List<Marker> markers)
    {
        range(series, markers);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(LEFT, 28, "start", 16, "bold", title);
        text(LEFT, 46, "start", 12, "normal", subtitle);
        axes(xLabel, yLabel);
        for (int i = 0; i < series.size(); i++)
        {
            line(series.get(i), PALETTE[i % PALETTE.length]);
        }
        for (final Marker marker : markers)
        {
            final double x = x(marker.x());
            segment(x, TOP, x, TOP + PLOT_HEIGHT, "#555555", 1, "4,3");
        }
        legend(series, markers);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void range(final List<Series> series, final List<Marker> markers)
    {
        xMin = Double.MAX_VALUE;
        xMax = -Double.MAX_VALUE;
        double max = 0;
        for (final Series s : series)
        {
            for (int i = 0; i < s.x().length; i++)
            {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                max = Math.max(max, s.y()[i]);
            }
        }
        for (final Marker marker : markers)
        {
            xMin = Math.min(xMin, marker.x());
            xMax = Math.max(xMax, marker.x());
        }
        if (xMin > xMax)
        {
            xMin = 0;
            xMax = 1;
        }
        if (xMax - xMin < 1e-9)
        {
            xMax = xMin + 1;
        }
        final double step = niceStep(Math.max(max, 1) / 5);
        yMax = step * Math.ceil(Math.max(max, 1) / step);
    }

    private void axes(final String xLabel, final String yLabel)
    {
        final double yStep = niceStep(yMax / 5);
        for (int i = 0; yStep * i <= yMax + 1e-9; i++)
        {
            final double y = y(yStep * i);
            segment(LEFT, y, LEFT + PLOT_WIDTH, y, 0 == i ? "#333333" : "#e6e6e6", 1, null);
            text(LEFT - 8, y + 4, "end", 12, "normal", String.format(Locale.ROOT, "%,.0f", yStep * i));
        }
        final double xStep = niceStep((xMax - xMin) / 8);
        segment(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#333333", 1, null);
        for (double tick = Math.ceil(xMin / xStep) * xStep; tick <= xMax + 1e-9; tick += xStep)
        {
            final double x = x(tick);
            segment(x, TOP + PLOT_HEIGHT, x, TOP + PLOT_HEIGHT + 5, "#333333", 1, null);
            text(x, TOP + PLOT_HEIGHT + 20, "middle", 12, "normal", trim(String.format(Locale.ROOT, "%.2f", tick)));
        }
        text(LEFT + PLOT_WIDTH / 2.0, HEIGHT - 18, "middle", 12, "normal", xLabel);
        svg.append("<text transform=\"translate(20,").append(fmt(TOP + PLOT_HEIGHT / 2.0))
            .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#333333\">").append(escape(yLabel)).append("</text>\n");
    }

    private void line(final Series series, final String colour)
    {
        if (0 == series.x().length)
        {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < series.x().length; i++)
        {
            if (i > 0)
            {
                svg.append(' ');
            }
            svg.append(fmt(x(series.x()[i]))).append(',').append(fmt(y(series.y()[i])));
        }
        svg.append("\"/>\n");
    }

    private void legend(final List<Series> series, final List<Marker> markers)
    {
        final int x = LEFT + PLOT_WIDTH + 20;
        double y = TOP + 4;
        for (int i = 0; i < series.size(); i++)
        {
            segment(x, y - 4, x + 22, y - 4, PALETTE[i % PALETTE.length], 3, null);
            text(x + 30, y, "start", 12, "normal", series.get(i).name());
            y += 22;
        }
        for (final Marker marker : markers)
        {
            segment(x, y - 4, x + 22, y - 4, "#555555", 1, "4,3");
            text(x + 30, y, "start", 12, "normal", marker.label());
            y += 22;
        }
    }

    private double x(final double seconds)
    {
        return LEFT + (seconds - xMin) / (xMax - xMin) * PLOT_WIDTH;
    }

    private double y(final double value)
    {
        return TOP + PLOT_HEIGHT - Math.min(value, yMax) / yMax * PLOT_HEIGHT;
    }

    private void segment(
        final double x1, final double y1, final double x2, final double y2, final String colour, final int width, final String dash)
    {
        svg.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"").append(fmt(x2))
            .append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width);
        if (null != dash)
        {
            svg.append("\" stroke-dasharray=\"").append(dash);
        }
        svg.append("\"/>\n");
    }

    private void text(final double x, final double y, final String anchor, final int size, final String weight, final String content)
    {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"").append(anchor)
            .append("\" font-size=\"").append(size).append("\" font-weight=\"").append(weight).append("\" fill=\"#333333\">")
            .append(escape(content)).append("</text>\n");
    }

    private static double niceStep(final double rough)
    {
        if (rough <= 0)
        {
            return 1;
        }
        final double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        final double fraction = rough / magnitude;
        final double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static String trim(final String number)
    {
        String text = number;
        if (text.contains("."))
        {
            while (text.endsWith("0"))
            {
                text = text.substring(0, text.length() - 1);
            }
            if (text.endsWith("."))
            {
                text = text.substring(0, text.length() - 1);
            }
        }
        return "-0".equals(text) ? "0" : text;
    }

    private static String fmt(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

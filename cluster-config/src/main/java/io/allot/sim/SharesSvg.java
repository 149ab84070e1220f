/*
 * Copyright 2026 The Allot Authors
 */
package io.allot.sim;

import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG line chart of each framework's dominant share over virtual time: axes with ticks and labels,
 * a light grid, one coloured line per framework and a legend. A framework the engine does not know at a sample
 * (not yet added, or removed) leaves a gap in its line.
 */
final class SharesSvg
{
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final int LEFT = 76;
    private static final int RIGHT = 190;
    private static final int TOP = 64;
    private static final int BOTTOM = 64;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final String[] PALETTE =
    {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
    };
    private static final double[] Y_MAXIMA = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0 };

    private final String title;
    private final List<String> names;
    private final long runMs;
    private final StringBuilder svg = new StringBuilder(64 * 1024);
    private double yMax;
    private double xMaxSeconds;

    SharesSvg(final String title, final List<String> names, final long runMs)
    {
        this.title = title;
        this.names = names;
        this.runMs = runMs;
    }

    /**
     * Render the chart.
     *
     * @param times  virtual time of each sample.
     * @param values per sample, one share per framework (NaN for none).
     * @param count  number of samples.
     * @return the SVG document.
     */
    String render(final long[] times, final double[][] values, final int count)
    {
        svg.setLength(0);
        xMaxSeconds = Math.max(runMs, 1) / 1000.0;
        yMax = chooseYMax(values, count);

        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(LEFT, 28, "start", 16, "bold", "Dominant share per framework");
        text(LEFT, 46, "start", 12, "normal", title);

        yAxis();
        xAxis();
        lines(times, values, count);
        legend(values, count);
        svg.append("</svg>\n");

        return svg.toString();
    }

    private void yAxis()
    {
        final double step = yMax / 5;
        for (int i = 0; i <= 5; i++)
        {
            final double value = step * i;
            final double y = y(value);
            line(LEFT, y, LEFT + PLOT_WIDTH, y, 0 == i ? "#333333" : "#e6e6e6", 1);
            line(LEFT - 5, y, LEFT, y, "#333333", 1);
            text(LEFT - 8, y + 4, "end", 12, "normal", trim(String.format(Locale.ROOT, "%.3f", value)));
        }
        svg.append("<text transform=\"translate(22,").append(fmt(TOP + PLOT_HEIGHT / 2.0))
            .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#333333\">dominant share</text>\n");
    }

    private void xAxis()
    {
        final double step = niceStep(xMaxSeconds / 8);
        line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#333333", 1);
        for (int i = 0; step * i <= xMaxSeconds + 1e-9; i++)
        {
            final double seconds = step * i;
            final double x = x(seconds * 1000);
            if (i > 0)
            {
                line(x, TOP, x, TOP + PLOT_HEIGHT, "#f0f0f0", 1);
            }
            line(x, TOP + PLOT_HEIGHT, x, TOP + PLOT_HEIGHT + 5, "#333333", 1);
            text(x, TOP + PLOT_HEIGHT + 20, "middle", 12, "normal", trim(String.format(Locale.ROOT, "%.3f", seconds)));
        }
        text(LEFT + PLOT_WIDTH / 2.0, HEIGHT - 18, "middle", 12, "normal", "virtual time (s)");
    }

    private void lines(final long[] times, final double[][] values, final int count)
    {
        for (int f = 0; f < names.size(); f++)
        {
            boolean open = false;
            for (int s = 0; s < count; s++)
            {
                final double share = values[s][f];
                if (Double.isNaN(share))
                {
                    open = closeLine(open);
                    continue;
                }
                if (!open)
                {
                    svg.append("<polyline fill=\"none\" stroke=\"").append(colour(f))
                        .append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
                    open = true;
                }
                else
                {
                    svg.append(' ');
                }
                svg.append(fmt(x(times[s]))).append(',').append(fmt(y(Math.min(share, yMax))));
            }
            closeLine(open);
        }
    }

    private boolean closeLine(final boolean open)
    {
        if (open)
        {
            svg.append("\"/>\n");
        }

        return false;
    }

    private void legend(final double[][] values, final int count)
    {
        final int x = LEFT + PLOT_WIDTH + 24;
        text(x, TOP + 4, "start", 12, "bold", "framework (last share)");
        for (int f = 0; f < names.size(); f++)
        {
            final double y = TOP + 26 + f * 22;
            line(x, y - 4, x + 22, y - 4, colour(f), 3);
            final double last = count > 0 ? values[count - 1][f] : Double.NaN;
            final String share = Double.isNaN(last) ? "-" : String.format(Locale.ROOT, "%.3f", last);
            text(x + 30, y, "start", 12, "normal", names.get(f) + " (" + share + ")");
        }
    }

    private double chooseYMax(final double[][] values, final int count)
    {
        double max = 0;
        for (int s = 0; s < count; s++)
        {
            for (final double value : values[s])
            {
                if (!Double.isNaN(value))
                {
                    max = Math.max(max, value);
                }
            }
        }

        for (final double candidate : Y_MAXIMA)
        {
            if (max <= candidate)
            {
                return candidate;
            }
        }

        return Math.ceil(max);
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

    private double x(final double timeMs)
    {
        return LEFT + PLOT_WIDTH * (timeMs / 1000.0) / xMaxSeconds;
    }

    private double y(final double share)
    {
        return TOP + PLOT_HEIGHT - PLOT_HEIGHT * share / yMax;
    }

    private String colour(final int index)
    {
        if (index < PALETTE.length)
        {
            return PALETTE[index];
        }

        return "hsl(" + (index * 137) % 360 + ",60%,45%)";
    }

    private void line(final double x1, final double y1, final double x2, final double y2, final String stroke, final int width)
    {
        svg.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"").append(fmt(x2))
            .append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(width)
            .append("\"/>\n");
    }

    private void text(final double x, final double y, final String anchor, final int size, final String weight, final String value)
    {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"").append(anchor)
            .append("\" font-size=\"").append(size).append("\" font-weight=\"").append(weight).append("\" fill=\"#333333\">");
        escape(value);
        svg.append("</text>\n");
    }

    private void escape(final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '<':
                    svg.append("&lt;");
                    break;
                case '>':
                    svg.append("&gt;");
                    break;
                case '&':
                    svg.append("&amp;");
                    break;
                case '"':
                    svg.append("&quot;");
                    break;
                default:
                    svg.append(c);
            }
        }
    }

    private static String fmt(final double value)
    {
        return trim(String.format(Locale.ROOT, "%.1f", value));
    }

    private static String trim(final String number)
    {
        if (number.indexOf('.') < 0)
        {
            return number;
        }

        int end = number.length();
        while ('0' == number.charAt(end - 1))
        {
            end--;
        }
        if ('.' == number.charAt(end - 1))
        {
            end--;
        }

        return number.substring(0, end);
    }
}

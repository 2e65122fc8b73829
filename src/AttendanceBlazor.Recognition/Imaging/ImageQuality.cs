namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>Brightness (mean luma, 0 to 255), contrast (its standard deviation) and sharpness (variance of the Laplacian) of a still.</summary>
public readonly record struct ImageQuality(double MeanLuma, double Contrast, double Sharpness)
{
    /// <summary>The working width: box-averaged down to about this many pixels, so the figures do not depend on the camera's resolution.</summary>
    public const int SampleWidth = 256;

    /// <summary>
    /// Measures a still, or the region of it given. Used to tell a person why no face was found (too dark, blurred)
    /// rather than to decide anything about a face that was found.
    /// </summary>
    public static ImageQuality Measure(RgbImage image, PixelRect? region = null)
    {
        var r = (region ?? new PixelRect(0, 0, image.Width, image.Height)).ClipTo(image.Width, image.Height);
        if (r.Width < 3 || r.Height < 3) return new ImageQuality(0, 0, 0);
        var step = Math.Max(1, r.Width / SampleWidth);
        var w = r.Width / step;
        var h = r.Height / step;
        var gray = new double[w * h];
        var rgba = image.Rgba;
        double sum = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                double acc = 0;
                for (var dy = 0; dy < step; dy++)
                {
                    var row = (r.Y + y * step + dy) * image.Width;
                    for (var dx = 0; dx < step; dx++)
                    {
                        var i = (row + r.X + x * step + dx) * 4;
                        acc += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
                    }
                }
                var v = acc / (step * step);
                gray[y * w + x] = v;
                sum += v;
            }
        }
        var mean = sum / gray.Length;
        double squares = 0;
        foreach (var v in gray) squares += (v - mean) * (v - mean);
        var contrast = Math.Sqrt(squares / gray.Length);
        if (w < 3 || h < 3) return new ImageQuality(mean, contrast, 0);
        double lapSum = 0, lapSq = 0;
        var n = 0;
        for (var y = 1; y < h - 1; y++)
        {
            for (var x = 1; x < w - 1; x++)
            {
                var c = y * w + x;
                var lap = gray[c - 1] + gray[c + 1] + gray[c - w] + gray[c + w] - 4 * gray[c];
                lapSum += lap;
                lapSq += lap * lap;
                n++;
            }
        }
        var lapMean = lapSum / n;
        return new ImageQuality(mean, contrast, lapSq / n - lapMean * lapMean);
    }
}

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>
/// face-api.js NetInput.toBatchTensor, step by step: the region is padded to a square with zeros (padToSquare),
/// resized with tf.image.resizeBilinear (no align-corners, no half-pixel centres) and normalised per channel,
/// written as one NCHW plane set. Replicated rather than approximated with a library resize, because the
/// descriptors move measurably with the pixels the nets see.
/// </summary>
internal static class TfPreprocessing
{
    /// <summary>SSD MobileNet: x / 127.5 - 1, padding at the bottom and right.</summary>
    public static readonly Normalization Ssd = new(false, [0f, 0f, 0f], 127.5f, -1f);

    /// <summary>Landmark and recognition nets: (x - mean RGB) / 255, padding centred.</summary>
    public static readonly Normalization Face = new(true, [122.782f, 117.001f, 104.298f], 255f, 0f);

    public readonly record struct Normalization(bool Centered, float[] Mean, float Divisor, float Offset);

    /// <summary>Writes [3, size, size] floats for the region of <paramref name="image"/> into <paramref name="dest"/>.</summary>
    public static void Write(RgbImage image, PixelRect region, int size, Normalization n, Span<float> dest)
    {
        int w = region.Width, h = region.Height;
        var side = Math.Max(w, h);
        var diff = Math.Abs(h - w);
        // padToSquare: Math.round(diff * 0.5) zeros are appended, the rest prepended (centred), or all appended.
        var append = n.Centered ? (int)Math.Floor(diff * 0.5 + 0.5) : diff;
        var prepend = diff - append;
        int offX = 0, offY = 0;
        if (w < h) offX = prepend; else if (h < w) offY = prepend;

        var ratio = (double)side / size;
        var plane = size * size;
        var px = image.Pixels;
        var stride = image.Width * 3;

        Span<int> c0 = size <= 1024 ? stackalloc int[size] : new int[size];
        Span<int> c1 = size <= 1024 ? stackalloc int[size] : new int[size];
        Span<double> cf = size <= 1024 ? stackalloc double[size] : new double[size];
        for (var c = 0; c < size; c++)
        {
            var frac = ratio * c;
            var lo = Math.Max(0, (int)Math.Floor(frac));
            c0[c] = lo;
            c1[c] = Math.Min(side - 1, (int)Math.Ceiling(frac));
            cf[c] = frac - lo;
        }

        for (var r = 0; r < size; r++)
        {
            var fracR = ratio * r;
            var r0 = Math.Max(0, (int)Math.Floor(fracR));
            var r1 = Math.Min(side - 1, (int)Math.Ceiling(fracR));
            var rf = fracR - r0;
            for (var c = 0; c < size; c++)
            {
                for (var ch = 0; ch < 3; ch++)
                {
                    double tl = Sample(px, stride, region, offX, offY, w, h, r0, c0[c], ch);
                    double tr = Sample(px, stride, region, offX, offY, w, h, r0, c1[c], ch);
                    double bl = Sample(px, stride, region, offX, offY, w, h, r1, c0[c], ch);
                    double br = Sample(px, stride, region, offX, offY, w, h, r1, c1[c], ch);
                    var top = tl + (tr - tl) * cf[c];
                    var bottom = bl + (br - bl) * cf[c];
                    var v = (float)(top + (bottom - top) * rf);
                    // float32 arithmetic as tf does it: sub then div (face nets), or div then sub (SSD).
                    dest[ch * plane + r * size + c] = n.Offset == 0f
                        ? (v - n.Mean[ch]) / n.Divisor
                        : v / n.Divisor + n.Offset;
                }
            }
        }
    }

    private static float Sample(byte[] px, int stride, PixelRect region, int offX, int offY, int w, int h, int row, int col, int ch)
    {
        var y = row - offY;
        var x = col - offX;
        if ((uint)y >= (uint)h || (uint)x >= (uint)w) return 0f;
        return px[(region.Y + y) * stride + (region.X + x) * 3 + ch];
    }
}

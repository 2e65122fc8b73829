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

    /// <summary>Writes [3, size, size] floats for the region of <paramref name="image"/> into <paramref name="dest"/> at <paramref name="offset"/>.</summary>
    public static void Write(RgbImage image, PixelRect region, int size, Normalization n, float[] dest, int offset = 0)
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
        var px = image.Rgba;
        var stride = image.Width * 4;

        // Per output column: the two source columns (as byte offsets into a row, -1 for zero padding) and the weight.
        var colLo = new int[size];
        var colHi = new int[size];
        var colFrac = new double[size];
        for (var c = 0; c < size; c++)
        {
            var frac = ratio * c;
            var lo = Math.Max(0, (int)Math.Floor(frac));
            var hi = Math.Min(side - 1, (int)Math.Ceiling(frac));
            colLo[c] = ColumnOffset(lo - offX, w, region.X);
            colHi[c] = ColumnOffset(hi - offX, w, region.X);
            colFrac[c] = frac - lo;
        }

        var mean = n.Mean;
        var div = n.Divisor;
        var add = n.Offset;
        void Row(int r)
        {
            var fracR = ratio * r;
            var r0 = Math.Max(0, (int)Math.Floor(fracR));
            var r1 = Math.Min(side - 1, (int)Math.Ceiling(fracR));
            var rf = fracR - r0;
            var row0 = RowOffset(r0 - offY, h, region.Y, stride);
            var row1 = RowOffset(r1 - offY, h, region.Y, stride);
            var o = r * size;
            for (var c = 0; c < size; c++, o++)
            {
                int lo = colLo[c], hi = colHi[c];
                var cf = colFrac[c];
                for (var ch = 0; ch < 3; ch++)
                {
                    double tl, tr, bl, br;
                    if (row0 >= 0 && row1 >= 0 && lo >= 0 && hi >= 0)
                    {
                        tl = px[row0 + lo + ch];
                        tr = px[row0 + hi + ch];
                        bl = px[row1 + lo + ch];
                        br = px[row1 + hi + ch];
                    }
                    else
                    {
                        // Inside the zero padding that padToSquare added.
                        tl = row0 < 0 || lo < 0 ? 0 : px[row0 + lo + ch];
                        tr = row0 < 0 || hi < 0 ? 0 : px[row0 + hi + ch];
                        bl = row1 < 0 || lo < 0 ? 0 : px[row1 + lo + ch];
                        br = row1 < 0 || hi < 0 ? 0 : px[row1 + hi + ch];
                    }
                    var top = tl + (tr - tl) * cf;
                    var bottom = bl + (br - bl) * cf;
                    var v = (float)(top + (bottom - top) * rf);
                    // float32 arithmetic as tf does it: sub then div (face nets), or div then sub (SSD).
                    dest[offset + ch * plane + o] = add == 0f ? (v - mean[ch]) / div : v / div + add;
                }
            }
        }

        if (size >= 256)
        {
            // The detector's 512 x 512 input is worth splitting over the cores; face crops are not.
            var bands = Environment.ProcessorCount;
            var band = (size + bands - 1) / bands;
            Parallel.For(0, bands, b =>
            {
                for (var r = b * band; r < Math.Min(size, (b + 1) * band); r++) Row(r);
            });
        }
        else
        {
            for (var r = 0; r < size; r++) Row(r);
        }
    }

    private static int ColumnOffset(int x, int w, int regionX) => (uint)x < (uint)w ? (regionX + x) * 4 : -1;

    private static int RowOffset(int y, int h, int regionY, int stride) => (uint)y < (uint)h ? (regionY + y) * stride : -1;
}

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

    /// <summary>
    /// Writes [3, size, size] floats for the region of <paramref name="image"/> into <paramref name="dest"/> at
    /// <paramref name="offset"/>; <paramref name="mirrored"/> reads the region's columns right to left, exactly as if the
    /// region had been cropped and flipped first (without the copies).
    /// </summary>
    public static void Write(RgbImage image, PixelRect region, int size, Normalization n, float[] dest, int offset = 0, bool mirrored = false)
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
            colLo[c] = ColumnOffset(lo - offX, w, region.X, mirrored);
            colHi[c] = ColumnOffset(hi - offX, w, region.X, mirrored);
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
            var o = offset + r * size;
            // One span per output plane and no per-channel branching: for the detector this loop runs 262,144 times a still.
            var red = dest.AsSpan(o, size);
            var green = dest.AsSpan(o + plane, size);
            var blue = dest.AsSpan(o + 2 * plane, size);
            ReadOnlySpan<byte> src = px;
            for (var c = 0; c < size; c++)
            {
                int lo = colLo[c], hi = colHi[c];
                var cf = colFrac[c];
                if (row0 >= 0 && row1 >= 0 && lo >= 0 && hi >= 0)
                {
                    int a = row0 + lo, b = row0 + hi, d = row1 + lo, e = row1 + hi;
                    red[c] = Normalize(Lerp(src[a], src[b], src[d], src[e], cf, rf), 0);
                    green[c] = Normalize(Lerp(src[a + 1], src[b + 1], src[d + 1], src[e + 1], cf, rf), 1);
                    blue[c] = Normalize(Lerp(src[a + 2], src[b + 2], src[d + 2], src[e + 2], cf, rf), 2);
                }
                else
                {
                    red[c] = Normalize(Padded(src, row0, row1, lo, hi, 0, cf, rf), 0);
                    green[c] = Normalize(Padded(src, row0, row1, lo, hi, 1, cf, rf), 1);
                    blue[c] = Normalize(Padded(src, row0, row1, lo, hi, 2, cf, rf), 2);
                }
            }
        }

        // float32 arithmetic as tf does it: sub then div (face nets), or div then sub (SSD).
        float Normalize(float v, int ch) => add == 0f ? (v - mean[ch]) / div : v / div + add;

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

    /// <summary>tf.image.resizeBilinear's interpolation of four neighbours (computed in double, rounded once).</summary>
    private static float Lerp(double tl, double tr, double bl, double br, double cf, double rf)
    {
        var top = tl + (tr - tl) * cf;
        var bottom = bl + (br - bl) * cf;
        return (float)(top + (bottom - top) * rf);
    }

    /// <summary>The same where a neighbour lies in the zero padding that padToSquare added (offset -1).</summary>
    private static float Padded(ReadOnlySpan<byte> src, int row0, int row1, int lo, int hi, int ch, double cf, double rf) => Lerp(
        row0 < 0 || lo < 0 ? 0 : src[row0 + lo + ch],
        row0 < 0 || hi < 0 ? 0 : src[row0 + hi + ch],
        row1 < 0 || lo < 0 ? 0 : src[row1 + lo + ch],
        row1 < 0 || hi < 0 ? 0 : src[row1 + hi + ch],
        cf, rf);

    private static int ColumnOffset(int x, int w, int regionX, bool mirrored) =>
        (uint)x < (uint)w ? (regionX + (mirrored ? w - 1 - x : x)) * 4 : -1;

    private static int RowOffset(int y, int h, int regionY, int stride) => (uint)y < (uint)h ? (regionY + y) * stride : -1;
}

using SkiaSharp;

namespace AttendanceBlazor.Testing;

/// <summary>How a printed picture is moved in front of a camera.</summary>
public enum PictureMotion
{
    /// <summary>Slid sideways and rotated in its own plane.</summary>
    Moved,

    /// <summary>Turned about a vertical axis, to one side and the other (one edge nearer the camera).</summary>
    Turned,

    /// <summary>Tilted about a horizontal axis, back and forth.</summary>
    Tilted,
}

/// <summary>
/// Frames of a still photo held up to a camera and moved, as JPEGs: what a flat picture looks like to the camera
/// (a perspective map of itself), for liveness tests. The browser tests film the same with ffmpeg.
/// </summary>
public static class PictureAttack
{
    public static IReadOnlyList<byte[]> Frames(byte[] photo, PictureMotion motion, int count = 20, int width = 480)
    {
        using var source = SKBitmap.Decode(photo) ?? throw new ArgumentException("not a photo", nameof(photo));
        var height = (int)Math.Round((double)source.Height * width / source.Width);
        var frames = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var phase = Math.Sin(2 * Math.PI * i / count);
            using var target = new SKBitmap(width, height);
            using var canvas = new SKCanvas(target);
            canvas.Clear(new SKColor(40, 40, 40));
            canvas.SetMatrix(Matrix(motion, phase, width, height));
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear));
            canvas.Flush();
            using var data = target.Encode(SKEncodedImageFormat.Jpeg, 90);
            frames.Add(data.ToArray());
        }
        return frames;
    }

    private static SKMatrix Matrix(PictureMotion motion, double phase, int width, int height)
    {
        switch (motion)
        {
            case PictureMotion.Moved:
                var rotate = SKMatrix.CreateRotationDegrees((float)(14 * phase), width / 2f, height / 2f);
                return rotate.PostConcat(SKMatrix.CreateTranslation((float)(width * 0.05 * phase), 0));
            case PictureMotion.Turned:
                // One vertical edge shrinks towards the centre line: the picture turns about its vertical axis.
                return Quad(width, height, (float)(0.12 * Math.Max(0, phase)), (float)(0.12 * Math.Max(0, -phase)), vertical: true);
            default:
                return Quad(width, height, (float)(0.15 * Math.Max(0, phase)), (float)(0.15 * Math.Max(0, -phase)), vertical: false);
        }
    }

    /// <summary>The map of the picture's corners to a trapezoid: an edge shortened by a share of its length at each end.</summary>
    private static SKMatrix Quad(int w, int h, float first, float second, bool vertical)
    {
        SKPoint[] to = vertical
            ? [new(0, h * first), new(w, h * second), new(w, h * (1 - second)), new(0, h * (1 - first))]
            : [new(w * first, 0), new(w * (1 - first), 0), new(w * (1 - second), h), new(w * second, h)];
        return PerspectiveTo(w, h, to);
    }

    /// <summary>The projective map sending the rectangle (0,0)-(w,h) to the quadrilateral <paramref name="q"/> (clockwise from top left).</summary>
    private static SKMatrix PerspectiveTo(int w, int h, SKPoint[] q)
    {
        // Unit square to quadrilateral (Heckbert), then scaled from the w x h rectangle.
        double x0 = q[0].X, y0 = q[0].Y, x1 = q[1].X, y1 = q[1].Y, x2 = q[2].X, y2 = q[2].Y, x3 = q[3].X, y3 = q[3].Y;
        double dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
        double dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
        double g = 0, hh = 0;
        var den = dx1 * dy2 - dx2 * dy1;
        if (Math.Abs(dx3) > 1e-9 || Math.Abs(dy3) > 1e-9)
        {
            g = (dx3 * dy2 - dx2 * dy3) / den;
            hh = (dx1 * dy3 - dx3 * dy1) / den;
        }
        double a = x1 - x0 + g * x1, b = x3 - x0 + hh * x3, c = x0;
        double d = y1 - y0 + g * y1, e = y3 - y0 + hh * y3, f = y0;
        var square = new SKMatrix((float)a, (float)b, (float)c, (float)d, (float)e, (float)f, (float)g, (float)hh, 1);
        return square.PreConcat(SKMatrix.CreateScale(1f / w, 1f / h));
    }
}

using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// The box and point arithmetic face-api.js does between its nets (classes/Box, FaceDetection, FaceLandmarks),
/// reproduced operation for operation, because a one-pixel shift of a crop moves the descriptor.
/// </summary>
internal static class FaceApiGeometry
{
    /// <summary>
    /// extractFaceTensors for a detection: FaceDetection.forSize round-trips the box through relative coordinates
    /// twice, then clipAtImageBorders clips and floors it.
    /// </summary>
    public static PixelRect DetectionCrop(FaceBox box, int imageWidth, int imageHeight)
    {
        var (x, y, w, h) = (box.X, box.Y, box.Width, box.Height);
        for (var i = 0; i < 2; i++)
        {
            double sx = 1.0 / imageWidth, sy = 1.0 / imageHeight;
            (x, y, w, h) = (x * sx * imageWidth, y * sy * imageHeight, w * sx * imageWidth, h * sy * imageHeight);
        }
        return Clip(x, y, w, h, imageWidth, imageHeight);
    }

    /// <summary>Box.clipAtImageBorders followed by floor().</summary>
    public static PixelRect Clip(double x, double y, double w, double h, int imageWidth, int imageHeight)
    {
        var cx = Math.Max(x, 0);
        var cy = Math.Max(y, 0);
        var cw = Math.Min(x + w - cx, imageWidth - cx);
        var ch = Math.Min(y + h - cy, imageHeight - cy);
        return new PixelRect((int)Math.Floor(cx), (int)Math.Floor(cy), (int)Math.Floor(cw), (int)Math.Floor(ch));
    }

    /// <summary>
    /// FaceLandmark68NetBase.postProcess (float32 tensor ops) and then FaceLandmarks.shiftBy the detection's
    /// unclipped box origin, as extendWithFaceLandmarks does.
    /// </summary>
    public static PointD[] Landmarks(ReadOnlySpan<float> output, PixelRect crop, FaceBox detection, int inputSize)
    {
        int cw = crop.Width, ch = crop.Height;
        var scale = (double)inputSize / Math.Max(ch, cw);
        var width = cw * scale;
        var height = ch * scale;
        var padX = width < height ? (float)(Math.Abs(width - height) / 2) : 0f;
        var padY = height < width ? (float)(Math.Abs(width - height) / 2) : 0f;
        float fw = (float)width, fh = (float)height, fs = inputSize;
        var points = new PointD[FaceApiModels.LandmarkCount];
        for (var i = 0; i < FaceApiModels.LandmarkCount; i++)
        {
            var rx = (double)((output[2 * i] * fs - padX) / fw);
            var ry = (double)((output[2 * i + 1] * fs - padY) / fh);
            // new FaceLandmarks68(rel, cropDims): pos = rel * dims; shiftBy: rel = pos / dims; pos = rel * dims + shift.
            var px = rx * cw;
            var py = ry * ch;
            points[i] = new PointD(px / cw * cw + detection.X, py / ch * ch + detection.Y);
        }
        return points;
    }
}

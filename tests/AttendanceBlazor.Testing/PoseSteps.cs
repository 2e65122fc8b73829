using SkiaSharp;

namespace AttendanceBlazor.Testing;

/// <summary>
/// Real head turns cut into the steps of a liveness challenge (a turn to one side and back), from the two recordings
/// of person-a in ../shared/faces-pose, and the same frames mirrored (a turn to the other side, other pixels): six
/// steps no frame of which is in another. Frames in a step's order, as JPEG.
/// </summary>
public static class PoseSteps
{
    private static readonly Lazy<IReadOnlyList<byte[]>> First = new(() => TestFaces.Pose("person-a/turn-right-then-left"));
    private static readonly Lazy<IReadOnlyList<byte[]>> Second = new(() => TestFaces.Pose("person-a/turn-left-and-back"));

    /// <summary>The first recording's first frame, facing the camera: a try's still.</summary>
    public static byte[] Still => First.Value[0];

    /// <summary>First recording: facing the camera, to his right, back (frames 0 to 17).</summary>
    public static IReadOnlyList<byte[]> Right1 => First.Value.Take(18).ToList();

    /// <summary>First recording: from facing the camera to his left and back (frames 17 to 38).</summary>
    public static IReadOnlyList<byte[]> Left1 => First.Value.Skip(17).ToList();

    /// <summary>Second recording (another day): to his left and back.</summary>
    public static IReadOnlyList<byte[]> Left2 => Second.Value;

    /// <summary>The first recording's left turn, mirrored: a right turn.</summary>
    public static IReadOnlyList<byte[]> Right2 => Mirror(Left1);

    /// <summary>The second recording, mirrored: a right turn.</summary>
    public static IReadOnlyList<byte[]> Right3 => Mirror(Left2);

    /// <summary>The first recording's right turn, mirrored: a left turn.</summary>
    public static IReadOnlyList<byte[]> Left3 => Mirror(Right1);

    /// <summary>Frames flipped left to right, as a camera's mirror image would be.</summary>
    public static IReadOnlyList<byte[]> Mirror(IReadOnlyList<byte[]> frames) => frames.Select(MirrorFrame).ToList();

    private static byte[] MirrorFrame(byte[] jpeg)
    {
        using var source = SKBitmap.Decode(jpeg) ?? throw new ArgumentException("not a picture", nameof(jpeg));
        using var target = new SKBitmap(source.Width, source.Height);
        using (var canvas = new SKCanvas(target))
        {
            canvas.Scale(-1, 1, source.Width / 2f, 0);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }
        using var data = target.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }
}

using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// The one face a decision is about: its descriptor, where it was, and a small JPEG of it (for the kiosk's result
/// card and, where settings keep them, the stored thumbnail). Holds no still: the rest of the picture is gone.
/// </summary>
public sealed record AnalyzedFace(float[] Descriptor, FaceBox Box, byte[] Thumbnail)
{
    /// <summary>The 68 landmarks, in pixels of the still (a liveness burst follows the face from them).</summary>
    public PointD[] Landmarks { get; init; } = [];

    /// <summary>The still's size, to carry the landmarks over to frames of another size.</summary>
    public (int Width, int Height) StillSize { get; init; }

    /// <summary>Light, contrast and sharpness of the face's own region, for the registration's quality gate.</summary>
    public ImageQuality Quality { get; init; }

    /// <summary>The press whose liveness challenge this face passed (its frames are remembered under it), if any.</summary>
    public Guid? LivePress { get; init; }
}

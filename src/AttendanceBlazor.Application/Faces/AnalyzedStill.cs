using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Faces;

/// <summary>Why a still gave no face to decide on.</summary>
public enum StillProblem
{
    None,
    BadImage,
    ImageTooLarge,
    NoFace,
    TooDark,
    Blurred,
    SeveralFaces,
}

/// <summary>
/// The one face a decision is about: its descriptor, where it was, and a small JPEG of it (for the kiosk's result
/// card and, where settings keep them, the stored thumbnail). Holds no still: the rest of the picture is gone.
/// </summary>
public sealed record AnalyzedFace(float[] Descriptor, FaceBox Box, byte[] Thumbnail);

/// <summary>A still after analysis: the face to decide on, or why there is none.</summary>
public sealed record AnalyzedStill(StillProblem Problem, AnalyzedFace? Face, int FaceCount, string? Detail = null)
{
    public bool HasFace => Face is not null;
}

using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// The one face a decision is about: its descriptor, where it was, and a small JPEG of it (for the kiosk's result
/// card and, where settings keep them, the stored thumbnail). Holds no still: the rest of the picture is gone.
/// </summary>
public sealed record AnalyzedFace(float[] Descriptor, FaceBox Box, byte[] Thumbnail);

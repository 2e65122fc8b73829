using System.Diagnostics;
using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>One face found in a still: box, score, landmarks, the region the embedder saw, and the descriptor.</summary>
public sealed record DetectedFace(FaceBox Box, PointD[] Landmarks, PixelRect AlignedRegion, float[] Descriptor);

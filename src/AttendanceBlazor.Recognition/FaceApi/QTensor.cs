using System.Runtime.Intrinsics.X86;
using AttendanceBlazor.Recognition.Onnx;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>An 8-bit activation in the graph: its tensor and the names of its scale and zero point.</summary>
internal readonly record struct QTensor(string Name, string Scale, string ZeroPoint, float ScaleValue);

using System.Text.Json;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>A dequantized tfjs weight: row-major data in tfjs layout (conv filters HWIO).</summary>
internal sealed record TfTensor(string Name, float[] Data, int[] Shape)
{
    public int Dim(int i) => Shape[i];
}

using System.Text.Json;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>A model file is missing or corrupt; <see cref="FilePath"/> names it.</summary>
public sealed class ModelLoadException(string filePath, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string FilePath { get; } = filePath;
}

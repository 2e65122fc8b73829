namespace AttendanceBlazor.Testing;

/// <summary>One row of ../shared/faces/labels.csv.</summary>
public sealed record LabeledStill(string File, int Faces, string[] Identities, string Note)
{
    public string Kind => File.Split('/')[0];

    /// <summary>The name export-png and the fixture give this still: its relative path with / turned into _, as .png.</summary>
    public string PngName => Path.ChangeExtension(File.Replace('/', '_'), ".png");
}

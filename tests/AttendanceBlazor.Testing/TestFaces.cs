namespace AttendanceBlazor.Testing;

/// <summary>
/// The shared test photos: ../shared/faces from the repository root, or where ATTENDANCE_TEST_FACES points.
/// Read-only: tests copy what they change.
/// </summary>
public static class TestFaces
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    public static IReadOnlyList<LabeledStill> Labels { get; } = LoadLabels();

    /// <summary>../shared/faces-pose, beside the photos: real head turns and blinks.</summary>
    public static string PoseDirectory => Path.Combine(Path.GetDirectoryName(Directory)!, "faces-pose");

    /// <summary>The frames of a pose sequence ("person-a/turn-right-then-left"), in order.</summary>
    public static IReadOnlyList<byte[]> Pose(string sequence) =>
        System.IO.Directory.GetFiles(Path.Combine(PoseDirectory, sequence), "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AttendanceBlazor.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("AttendanceBlazor.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("ATTENDANCE_TEST_FACES");
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (File.Exists(Path.Combine(env, "labels.csv"))) return env;
            throw new InvalidOperationException($"ATTENDANCE_TEST_FACES points to '{env}', which has no labels.csv.");
        }
        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "faces"));
        if (File.Exists(Path.Combine(shared, "labels.csv"))) return shared;
        throw new InvalidOperationException(
            $"The test photos were not found at {shared}. Put the shared faces folder beside the repository " +
            "(../shared/faces with labels.csv) or set ATTENDANCE_TEST_FACES to its path.");
    }

    private static List<LabeledStill> LoadLabels() =>
        File.ReadAllLines(Path.Combine(Directory, "labels.csv"))
            .Skip(1)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Split(',', 4))
            .Select(p => new LabeledStill(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2].Split(';'), p.Length > 3 ? p[3] : ""))
            .ToList();
}

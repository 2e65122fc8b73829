using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Cli;

/// <summary>The verbs of the `attendance` command-line tool.</summary>
public static class CliApp
{
    public const string Usage = """
        usage: attendance VERB [options]

        Recognition:
          embed FILE...                    JSON Lines on stdout: faces, landmarks and 128-d descriptors per file
          compare A B                      distance between the largest faces of two stills, same/different
          bench [--images DIR] [--runs N] [--index N]
                                           per-stage timings (median, p95) over the stills in DIR, and 1:N search
                                           over N random templates (default 100000)
          export-png --out DIR FILE|DIR... lossless PNG copies of the decoded, upright pixels (for the parity check)
          --detector reference|fast        with any of these: the float32 detector as face-api.js runs it (the
                                           default, or Recognition__DetectorMode), or its 8-bit fast mode

        Administration (same configuration as the web app: ConnectionStrings__Attendance, Database__Provider):
          device add NAME [--scope check-in|read-attendance|all]...
                                           creates a device API key; the key alone is the last line of stdout
          device list                      devices, scopes, state, last seen
          device revoke NAME               disables a device's key at once
          admin create --email EMAIL       creates the first (or another) administrator; the password is read
                                           from ATTENDANCE_ADMIN_PASSWORD or, if unset, from standard input
        """;

    /// <summary>
    /// Takes the options that configure the engine rather than a verb (--detector) out of the arguments, as
    /// configuration overrides for <see cref="CliHost.Build"/>.
    /// </summary>
    public static (string[] VerbArgs, Dictionary<string, string?> Overrides, string? Error) SplitHostOptions(string[] args)
    {
        var rest = new List<string>(args.Length);
        var overrides = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--detector")
            {
                var mode = i + 1 < args.Length
                    ? Enum.GetNames<DetectorMode>().FirstOrDefault(n => n.Equals(args[i + 1], StringComparison.OrdinalIgnoreCase))
                    : null;
                if (mode is null)
                {
                    return ([], overrides, "--detector must be 'reference' or 'fast'");
                }
                overrides[$"{RecognitionOptions.Section}:{nameof(RecognitionOptions.DetectorMode)}"] = mode;
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        return (rest.ToArray(), overrides, null);
    }

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "embed" => Embed(args[1..], services, stdout, stderr),
                "compare" => Compare(args[1..], services, stdout, stderr),
                "bench" => Bench(args[1..], services, stdout),
                "export-png" => ExportPng(args[1..], services, stdout, stderr),
                "device" => await AdminCommands.DeviceAsync(args[1..], services, stdout, stderr),
                "admin" => await AdminCommands.AdminAsync(args[1..], services, stdout, stderr),
                _ => UnknownVerb(args[0], stderr),
            };
        }
        catch (ModelLoadException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 3;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync($"error: invalid configuration: {string.Join("; ", ex.Failures)}");
            return 3;
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
    }

    private static int UnknownVerb(string verb, TextWriter stderr)
    {
        stderr.WriteLine($"error: unknown verb '{verb}'");
        stderr.WriteLine(Usage);
        return 2;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private static int Embed(string[] files, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (files.Length == 0) throw new UsageException("embed needs at least one FILE");
        var engine = services.GetRequiredService<FaceEngine>();
        var failures = 0;
        foreach (var file in files)
        {
            object line;
            try
            {
                var analysis = engine.Analyze(File.ReadAllBytes(file));
                line = new
                {
                    file,
                    faces = analysis.Faces.Select(f => new
                    {
                        x = Math.Round(f.Box.X, 3),
                        y = Math.Round(f.Box.Y, 3),
                        width = Math.Round(f.Box.Width, 3),
                        height = Math.Round(f.Box.Height, 3),
                        score = Math.Round(f.Box.Score, 5),
                        landmarks = f.Landmarks.Select(p => new[] { Math.Round(p.X, 3), Math.Round(p.Y, 3) }),
                        descriptor = f.Descriptor,
                    }),
                    error = (string?)null,
                };
            }
            catch (Exception ex) when (ex is ImageDecodeException or IOException or UnauthorizedAccessException)
            {
                failures++;
                stderr.WriteLine($"{file}: {ex.Message}");
                line = new { file, faces = Array.Empty<object>(), error = ex.Message };
            }
            stdout.WriteLine(JsonSerializer.Serialize(line, Json));
        }
        return failures == 0 ? 0 : 1;
    }

    private static int Compare(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 2) throw new UsageException("compare needs two files: compare A B");
        var engine = services.GetRequiredService<FaceEngine>();
        var options = services.GetRequiredService<IOptions<RecognitionOptions>>().Value;
        var faces = new DetectedFace[2];
        for (var i = 0; i < 2; i++)
        {
            try
            {
                var analysis = engine.Analyze(File.ReadAllBytes(args[i]));
                if (analysis.Faces.Count == 0)
                {
                    stderr.WriteLine($"{args[i]}: no face found");
                    return 1;
                }
                faces[i] = analysis.Faces.MaxBy(f => f.Box.Area)!;
            }
            catch (Exception ex) when (ex is ImageDecodeException or IOException)
            {
                stderr.WriteLine($"{args[i]}: {ex.Message}");
                return 1;
            }
        }
        var distance = FaceIndex<int>.Distance(faces[0].Descriptor, faces[1].Descriptor);
        var same = distance <= options.MatchThreshold;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distance {distance:0.0000} threshold {options.MatchThreshold:0.00}: {(same ? "same person" : "different people")}"));
        return 0;
    }

    private static int ExportPng(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        var outIndex = Array.IndexOf(args, "--out");
        if (outIndex < 0 || outIndex + 1 >= args.Length) throw new UsageException("export-png needs --out DIR");
        var outDir = args[outIndex + 1];
        var inputs = args.Where((_, i) => i != outIndex && i != outIndex + 1).ToArray();
        if (inputs.Length == 0) throw new UsageException("export-png needs at least one FILE or DIR");
        Directory.CreateDirectory(outDir);
        var engine = services.GetRequiredService<FaceEngine>();
        var failures = 0;
        foreach (var (file, name) in ExpandImages(inputs))
        {
            try
            {
                var image = ImageDecoder.Decode(File.ReadAllBytes(file), engine.Limits);
                var target = Path.Combine(outDir, Path.ChangeExtension(name, ".png"));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, image.EncodePng());
                stdout.WriteLine(target);
            }
            catch (Exception ex) when (ex is ImageDecodeException or IOException)
            {
                failures++;
                stderr.WriteLine($"{file}: {ex.Message}");
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Files given directly keep their name; files under a folder keep their relative path, with / turned into __.</summary>
    internal static IEnumerable<(string File, string Name)> ExpandImages(IEnumerable<string> inputs)
    {
        string[] extensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                foreach (var f in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                             .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                             .Order(StringComparer.Ordinal))
                {
                    yield return (f, Path.GetRelativePath(input, f).Replace(Path.DirectorySeparatorChar, '_'));
                }
            }
            else
            {
                yield return (input, Path.GetFileName(input));
            }
        }
    }

    private static int Bench(string[] args, IServiceProvider services, TextWriter stdout)
    {
        var images = Option(args, "--images") ?? FindDefaultFaces();
        var runs = int.Parse(Option(args, "--runs") ?? "20", CultureInfo.InvariantCulture);
        var indexSize = int.Parse(Option(args, "--index") ?? "100000", CultureInfo.InvariantCulture);
        if (runs < 1) throw new UsageException("--runs must be at least 1");

        var load = Stopwatch.StartNew();
        var engine = services.GetRequiredService<FaceEngine>();
        var models = services.GetRequiredService<FaceApiModels>();
        load.Stop();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model load and conversion: {models.LoadTime.TotalMilliseconds:0} ms (service resolution {load.Elapsed.TotalMilliseconds:0} ms)"));
        stdout.WriteLine($"detector: {models.DetectorMode.ToString().ToLowerInvariant()}");

        var files = ExpandImages([images]).Select(x => x.File).ToArray();
        if (files.Length == 0) throw new UsageException($"no images in {images}");
        var data = files.Select(File.ReadAllBytes).ToArray();
        // Warm-up: the first run of each session allocates its arenas.
        foreach (var d in data) engine.Analyze(d);

        var timings = new List<StageTimings>();
        for (var r = 0; r < runs; r++)
        {
            foreach (var d in data) timings.Add(engine.Analyze(d).Timings);
        }
        stdout.WriteLine($"stills: {files.Length} from {images}, runs: {runs}, samples: {timings.Count}, cores: {Environment.ProcessorCount}");
        stdout.WriteLine("stage          median ms    p95 ms");
        void Row(string name, Func<StageTimings, TimeSpan> pick)
        {
            var values = timings.Select(t => pick(t).TotalMilliseconds).Order().ToArray();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-14}{Percentile(values, 0.5),10:0.00}{Percentile(values, 0.95),10:0.00}"));
        }
        Row("decode", t => t.Decode);
        Row("detect", t => t.Detect);
        Row("landmarks", t => t.Landmarks);
        Row("descriptor", t => t.Descriptor);
        Row("total", t => t.Total);

        if (indexSize > 0)
        {
            var random = new Random(42);
            using var index = new FaceIndex<int>(128, 0.6, 0.05, indexSize);
            var vector = new float[128];
            for (var i = 0; i < indexSize; i++)
            {
                for (var k = 0; k < 128; k++) vector[k] = (float)(random.NextDouble() * 0.4 - 0.2);
                index.Add(i, i / 3, vector);
            }
            var queries = 200;
            var samples = new double[queries];
            for (var q = 0; q < queries + 20; q++)
            {
                for (var k = 0; k < 128; k++) vector[k] = (float)(random.NextDouble() * 0.4 - 0.2);
                var sw = Stopwatch.StartNew();
                index.Identify(vector);
                if (q >= 20) samples[q - 20] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(samples);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"1:N search over {indexSize} templates: median {Percentile(samples, 0.5):0.00} ms, p95 {Percentile(samples, 0.95):0.00} ms ({queries} queries)"));
        }
        return 0;
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return null;
        if (i + 1 >= args.Length) throw new UsageException($"{name} needs a value");
        return args[i + 1];
    }

    private static string FindDefaultFaces()
    {
        var env = Environment.GetEnvironmentVariable("ATTENDANCE_TEST_FACES");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "faces");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "AttendanceBlazor.sln"))) return Path.GetFullPath(candidate);
        }
        throw new UsageException("no --images DIR given and ../shared/faces not found (set ATTENDANCE_TEST_FACES)");
    }
}

public sealed class UsageException(string message) : Exception(message);

using System.CommandLine;
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

/// <summary>The recognition verbs: embed, compare, bench, export-png. They need the models, never the database.</summary>
public static class RecognitionCommands
{
    /// <summary>Where `bench` finds its stills when --images is not given.</summary>
    public const string ImagesVariable = "ATTENDANCE_TEST_FACES";

    /// <summary>Queries of the 1:N search benchmark, and the warm-up ones before them.</summary>
    private const int SearchQueries = 200;
    private const int SearchWarmUp = 20;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"];

    public static IEnumerable<Command> Create(CliConsole console, Func<ParseResult, IServiceProvider> services, Func<ParseResult, bool> camera)
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "stills to analyse" };
        var embed = new Command("embed", "JSON Lines on stdout: faces, boxes, 68 landmarks and the 128-d descriptor of each file, in order") { files };
        embed.SetAction(parse => Embed(parse.GetValue(files)!, services(parse), Detection(services(parse), camera(parse)), console));
        yield return embed;

        var a = new Argument<string>("A") { Description = "a still" };
        var b = new Argument<string>("B") { Description = "another still" };
        var compare = new Command("compare", "distance between the largest faces of two stills, and same or different person") { a, b };
        compare.SetAction(parse => Compare(parse.GetValue(a)!, parse.GetValue(b)!, services(parse), console));
        yield return compare;

        var images = new Option<string>("--images") { Description = $"folder of stills (default: ${ImagesVariable})", HelpName = "DIR" };
        var runs = WholeNumber("--runs", "passes over the stills", minimum: 1, fallback: 20);
        var index = WholeNumber("--index", "random templates for the 1:N search (0: skip it)", minimum: 0, fallback: 100_000);
        var parallel = WholeNumber("--parallel", "also the CPU a still costs with this many analysed at once, as a server's recognition slots run them (1: skip)", minimum: 1, fallback: 1);
        var bench = new Command("bench", "per-stage timings (median, p95) over the stills in DIR, and the 1:N search over N random templates") { images, runs, index, parallel };
        bench.SetAction(parse => Bench(parse.GetValue(images) ?? console.Environment(ImagesVariable)
            ?? throw new CliException($"bench needs --images DIR (or ${ImagesVariable})", CliApp.UsageError),
            parse.GetValue(runs), parse.GetValue(index), parse.GetValue(parallel), services(parse), Detection(services(parse), camera(parse)), console));
        yield return bench;

        var output = new Option<string>("--out") { Description = "folder to write into", HelpName = "DIR", Required = true };
        var inputs = new Argument<string[]>("FILE|DIR") { Arity = ArgumentArity.OneOrMore, Description = "stills, or folders of stills" };
        var exportPng = new Command("export-png", "lossless PNG copies of the decoded, upright pixels (for the parity check with face-api.js)") { output, inputs };
        exportPng.SetAction(parse => ExportPng(parse.GetValue(output)!, parse.GetValue(inputs)!, services(parse), console));
        yield return exportPng;
    }

    /// <summary>An integer option whose wrong value is one line of error, not an exception.</summary>
    private static Option<int> WholeNumber(string name, string description, int minimum, int fallback) => new(name)
    {
        Description = $"{description} (default {fallback})",
        HelpName = "N",
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name} must be a whole number, not '{token}'");
            }
            else if (value < minimum)
            {
                result.AddError($"{name} must be at least {minimum}");
            }
            return value;
        },
    };

    /// <summary>How the stills are detected: as camera stills (the kiosk's detector, --detector camera) or as any photo.</summary>
    private static DetectionSettings Detection(IServiceProvider services, bool camera) =>
        services.GetRequiredService<FaceEngine>().DefaultDetection with { Camera = camera };

    private static int Embed(string[] files, IServiceProvider services, DetectionSettings detection, CliConsole console)
    {
        var engine = services.GetRequiredService<FaceEngine>();
        var failures = 0;
        foreach (var file in files)
        {
            object line;
            try
            {
                var analysis = engine.Analyze(File.ReadAllBytes(file), detection);
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
                console.Error.WriteLine($"{file}: {ex.Message}");
                line = new { file, faces = Array.Empty<object>(), error = ex.Message };
            }
            console.Out.WriteLine(JsonSerializer.Serialize(line, Json));
        }
        return failures == 0 ? 0 : CliApp.Refused;
    }

    private static int Compare(string first, string second, IServiceProvider services, CliConsole console)
    {
        var engine = services.GetRequiredService<FaceEngine>();
        var options = services.GetRequiredService<IOptions<RecognitionOptions>>().Value;
        var faces = new DetectedFace[2];
        string[] paths = [first, second];
        for (var i = 0; i < 2; i++)
        {
            try
            {
                var analysis = engine.Analyze(File.ReadAllBytes(paths[i]));
                if (analysis.Faces.Count == 0) throw new CliException($"{paths[i]}: no face found");
                faces[i] = analysis.Faces.MaxBy(f => f.Box.Area)!;
            }
            catch (Exception ex) when (ex is ImageDecodeException or IOException)
            {
                throw new CliException($"{paths[i]}: {ex.Message}");
            }
        }
        var distance = FaceIndex<int>.Distance(faces[0].Descriptor, faces[1].Descriptor);
        var same = distance <= options.MatchThreshold;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distance {distance:0.0000} threshold {options.MatchThreshold:0.00}: {(same ? "same person" : "different people")}"));
        return 0;
    }

    private static int ExportPng(string outDir, string[] inputs, IServiceProvider services, CliConsole console)
    {
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
                console.Out.WriteLine(target);
            }
            catch (Exception ex) when (ex is ImageDecodeException or IOException)
            {
                failures++;
                console.Error.WriteLine($"{file}: {ex.Message}");
            }
        }
        return failures == 0 ? 0 : CliApp.Refused;
    }

    /// <summary>Files given directly keep their name; files under a folder keep their relative path, with / turned into _.</summary>
    internal static IEnumerable<(string File, string Name)> ExpandImages(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                foreach (var f in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                             .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
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

    private static int Bench(string images, int runs, int indexSize, int parallel, IServiceProvider services, DetectionSettings detection, CliConsole console)
    {
        var stdout = console.Out;
        var files = Directory.Exists(images) ? ExpandImages([images]).Select(x => x.File).ToArray() : [];
        if (files.Length == 0) throw new CliException($"no images in {images}", CliApp.UsageError);

        var load = Stopwatch.StartNew();
        var engine = services.GetRequiredService<FaceEngine>();
        var models = services.GetRequiredService<FaceApiModels>();
        load.Stop();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model load and conversion: {models.LoadTime.TotalMilliseconds:0} ms (service resolution {load.Elapsed.TotalMilliseconds:0} ms)"));
        stdout.WriteLine(detection.Camera ? "detector: camera (BlazeFace)" : $"detector: {models.DetectorMode.ToString().ToLowerInvariant()}");

        var data = files.Select(File.ReadAllBytes).ToArray();
        // Warm-up: the first run of each session allocates its arenas.
        foreach (var d in data) engine.Analyze(d, detection);

        var timings = new List<StageTimings>();
        for (var r = 0; r < runs; r++)
        {
            foreach (var d in data) timings.Add(engine.Analyze(d, detection).Timings);
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

        if (parallel > 1)
        {
            // The process's CPU time a still when `parallel` stills are analysed at once (two slots on two cores share
            // caches and, on a VM, often one physical core): what a still costs a busy server, recognition alone.
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            Parallel.For(0, parallel, new ParallelOptions { MaxDegreeOfParallelism = parallel }, _ =>
            {
                for (var r = 0; r < runs; r++)
                {
                    foreach (var d in data) engine.Analyze(d, detection).Image.Dispose();
                }
            });
            process.Refresh();
            var stills = (double)parallel * runs * data.Length;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parallel} at once: {(process.TotalProcessorTime - cpuBefore).TotalMilliseconds / stills:0.00} ms of CPU a still, {stills / wall.Elapsed.TotalSeconds:0.0} stills a second"));
        }

        if (indexSize > 0)
        {
            var random = new Random(42);
            using var index = new FaceIndex<int>(engine.Dimension, 0.6, 0.05, indexSize);
            var vector = new float[engine.Dimension];
            for (var i = 0; i < indexSize; i++)
            {
                for (var k = 0; k < vector.Length; k++) vector[k] = (float)(random.NextDouble() * 0.4 - 0.2);
                index.Add(i, i / 3, vector);
            }
            var samples = new double[SearchQueries];
            for (var q = 0; q < SearchQueries + SearchWarmUp; q++)
            {
                for (var k = 0; k < vector.Length; k++) vector[k] = (float)(random.NextDouble() * 0.4 - 0.2);
                var sw = Stopwatch.StartNew();
                index.Identify(vector);
                if (q >= SearchWarmUp) samples[q - SearchWarmUp] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(samples);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"1:N search over {indexSize} templates: median {Percentile(samples, 0.5):0.00} ms, p95 {Percentile(samples, 0.95):0.00} ms ({SearchQueries} queries)"));
        }
        return 0;
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

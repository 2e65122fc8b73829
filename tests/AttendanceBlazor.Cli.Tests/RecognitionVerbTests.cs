using System.Text.Json;
using AttendanceBlazor.Cli;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Recognition.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Cli.Tests;

/// <summary>The CLI's verbs, run in-process against the real engine.</summary>
public sealed class RecognitionVerbTests : IClassFixture<RecognitionVerbTests.Services>
{
    private readonly IServiceProvider _services;

    public RecognitionVerbTests(Services services) => _services = services.Provider;

    public sealed class Services : IDisposable
    {
        public ServiceProvider Provider { get; } = new ServiceCollection()
            .AddRecognition(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        public void Dispose() => Provider.Dispose();
    }

    private Task<CliRun> Run(params string[] args) => Cli.RunAsync(_ => _services, args);

    [Fact]
    public async Task EmbedWritesOneJsonLinePerFileInOrderAndGoesOnAfterAFailure()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var text = Path.Combine(dir.FullName, "notes.jpg");
            File.WriteAllText(text, "this is not a photo");
            var two = TestFaces.PathOf("edge/obama_and_biden.jpg");
            var one = TestFaces.PathOf("probe/obama.jpg");

            var (code, stdout, stderr) = await Run("embed", one, text, Path.Combine(dir.FullName, "missing.png"), two);

            Assert.Equal(1, code);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(4, lines.Length);
            Assert.Equal(one, lines[0].GetProperty("file").GetString());
            Assert.Equal(1, lines[0].GetProperty("faces").GetArrayLength());
            var face = lines[0].GetProperty("faces")[0];
            Assert.Equal(128, face.GetProperty("descriptor").GetArrayLength());
            Assert.Equal(68, face.GetProperty("landmarks").GetArrayLength());
            Assert.True(face.GetProperty("width").GetDouble() > 100);
            Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("error").ValueKind);
            Assert.Equal(0, lines[1].GetProperty("faces").GetArrayLength());
            Assert.Contains("not an image", lines[1].GetProperty("error").GetString());
            Assert.False(string.IsNullOrEmpty(lines[2].GetProperty("error").GetString()));
            Assert.Equal(2, lines[3].GetProperty("faces").GetArrayLength());
            Assert.Contains("notes.jpg", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CompareTellsSamePersonAndDifferentPeopleApart()
    {
        var same = await Run("compare", TestFaces.PathOf("enroll/obama/1.jpg"), TestFaces.PathOf("probe/obama.jpg"));
        Assert.Equal(0, same.Code);
        Assert.Contains("same person", same.Out);
        var different = await Run("compare", TestFaces.PathOf("enroll/obama/1.jpg"), TestFaces.PathOf("enroll/biden/1.jpg"));
        Assert.Contains("different people", different.Out);
    }

    [Fact]
    public async Task BenchReportsEveryStageAndTheSearch()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.Copy(TestFaces.PathOf("edge/obama_small.jpg"), Path.Combine(dir.FullName, "a.jpg"));
            var (code, stdout, _) = await Run("bench", "--images", dir.FullName, "--runs", "2", "--index", "2000");
            Assert.Equal(0, code);
            foreach (var stage in new[] { "detector: reference", "decode", "detect", "landmarks", "descriptor", "total", "1:N search over 2000 templates" })
            {
                Assert.Contains(stage, stdout);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ExportPngWritesLosslessCopiesOfTheDecodedPixels()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var (code, _, _) = await Run("export-png", "--out", dir.FullName, TestFaces.PathOf("edge/obama_small.jpg"));
            Assert.Equal(0, code);
            var png = File.ReadAllBytes(Path.Combine(dir.FullName, "obama_small.png"));
            var original = ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf("edge/obama_small.jpg")));
            Assert.Equal(original.Pixels, ImageDecoder.Decode(png).Pixels);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownVerbIsOneLineOnStderrAndExitCode2()
    {
        var (code, stdout, stderr) = await Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("frobnicate", stderr);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("abc", "--runs must be a whole number, not 'abc'")]
    [InlineData("0", "--runs must be at least 1")]
    public async Task BenchWithABadRunCountSaysSoInOneLineAndExits2(string runs, string message)
    {
        var run = await Cli.RunAsync(_ => throw new InvalidOperationException("a usage error needs no services"), ["bench", "--runs", runs]);
        Assert.Equal(2, run.Code);
        Assert.Equal([$"error: {message}"], run.ErrLines);
    }

    [Theory]
    [InlineData("embed")]
    [InlineData("compare", "only-one.jpg")]
    [InlineData("export-png", "x.jpg")]
    [InlineData("bench", "--index")]
    public async Task AMissingArgumentIsOneLineAndExitCode2(params string[] args)
    {
        var run = await Cli.RunAsync(_ => throw new InvalidOperationException("a usage error needs no services"), args);
        Assert.Equal(2, run.Code);
        Assert.Single(run.ErrLines);
        Assert.StartsWith("error: ", run.Err);
        Assert.DoesNotContain("Usage", run.Err);
    }

    [Fact]
    public async Task BenchWithoutImagesAsksForThem()
    {
        var run = await Cli.RunAsync(_ => _services, ["bench"]);
        Assert.Equal(2, run.Code);
        Assert.Equal(["error: bench needs --images DIR (or $ATTENDANCE_TEST_FACES)"], run.ErrLines);
    }

    public static TheoryData<string[]> EveryVerb() =>
    [
        [], ["embed"], ["compare"], ["bench"], ["export-png"], ["device"], ["device", "add"], ["device", "list"], ["device", "revoke"],
        ["admin"], ["admin", "create"], ["user"], ["user", "add"], ["user", "list"], ["user", "disable"], ["user", "enable"],
        ["person"], ["person", "list"], ["person", "erase"],
    ];

    [Theory]
    [MemberData(nameof(EveryVerb))]
    public async Task EveryVerbHasHelp(string[] verb)
    {
        var run = await Cli.RunAsync(_ => throw new InvalidOperationException("help needs no services"), [.. verb, "--help"]);
        Assert.Equal(0, run.Code);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains("attendance" + string.Concat(verb.Select(v => " " + v)), run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public async Task TheDetectorOptionBecomesConfigurationForTheServices()
    {
        IDictionary<string, string?>? seen = null;
        var run = await Cli.RunAsync(o => { seen = o; return _services; }, ["compare", "--detector", "FAST", TestFaces.PathOf("enroll/obama/1.jpg"), TestFaces.PathOf("probe/obama.jpg")]);
        Assert.Equal(0, run.Code);
        Assert.Equal("Fast", seen!["Recognition:DetectorMode"]);
    }

    [Theory]
    [InlineData("turbo")]
    [InlineData("1")]
    public async Task AnUnknownDetectorModeIsAClearError(string mode)
    {
        var run = await Cli.RunAsync(_ => _services, ["bench", "--detector", mode]);
        Assert.Equal(2, run.Code);
        Assert.Equal(["error: --detector must be 'reference', 'fast' or 'camera'"], run.ErrLines);
    }

    [Fact]
    public async Task TheCameraDetectorEmbedsAKioskStillWithTheKiosksDetector()
    {
        IDictionary<string, string?>? seen = null;
        using var host = CliHost.Build(new Dictionary<string, string?> { ["Recognition:CameraDetector"] = "BlazeFace" });

        var run = await Cli.RunAsync(o => { seen = o; return host.Services; }, ["embed", "--detector", "camera", TestFaces.PathOf("probe/obama.jpg")]);

        Assert.Equal(0, run.Code);
        Assert.Equal("BlazeFace", seen!["Recognition:CameraDetector"]);
        var line = System.Text.Json.JsonDocument.Parse(run.Out.Trim()).RootElement;
        var face = Assert.Single(line.GetProperty("faces").EnumerateArray());
        Assert.Equal(128, face.GetProperty("descriptor").GetArrayLength());
        // The still is decoded at half size as a camera still (1280 x 960 → 640 x 480), so the box is in those pixels.
        Assert.InRange(face.GetProperty("width").GetDouble(), 100, 250);
    }

    [Fact]
    public async Task BenchNamesTheFastDetectorWhenConfigured()
    {
        using var host = CliHost.Build(new Dictionary<string, string?> { ["Recognition:DetectorMode"] = "Fast" });
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.Copy(TestFaces.PathOf("edge/obama_small.jpg"), Path.Combine(dir.FullName, "a.jpg"));
            var run = await Cli.RunAsync(_ => host.Services, ["bench", "--images", dir.FullName, "--runs", "1", "--index", "0"]);
            Assert.Equal(0, run.Code);
            Assert.Contains("detector: fast", run.Out);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

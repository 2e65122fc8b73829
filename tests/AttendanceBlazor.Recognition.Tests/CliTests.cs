using System.Text.Json;
using AttendanceBlazor.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>The CLI's verbs, run in-process against the real engine.</summary>
public sealed class CliTests : IClassFixture<CliTests.Services>
{
    private readonly IServiceProvider _services;

    public CliTests(Services services) => _services = services.Provider;

    public sealed class Services : IDisposable
    {
        public ServiceProvider Provider { get; } = new ServiceCollection()
            .AddRecognition(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        public void Dispose() => Provider.Dispose();
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, _services, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

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
            var original = Imaging.ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf("edge/obama_small.jpg")));
            Assert.Equal(original.Pixels, Imaging.ImageDecoder.Decode(png).Pixels);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task UnknownVerbPrintsUsageAndFails()
    {
        var (code, _, stderr) = await Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown verb", stderr);
        Assert.Contains("usage:", stderr);
    }

    [Fact]
    public void DetectorOptionBecomesConfigurationAndLeavesTheVerbArguments()
    {
        var (verbArgs, overrides, error) = CliApp.SplitHostOptions(["bench", "--detector", "FAST", "--runs", "2"]);
        Assert.Null(error);
        Assert.Equal(["bench", "--runs", "2"], verbArgs);
        Assert.Equal("Fast", overrides["Recognition:DetectorMode"]);
    }

    [Theory]
    [InlineData("turbo")]
    [InlineData("1")]
    public void UnknownDetectorModeIsAClearError(string mode)
    {
        var (_, _, error) = CliApp.SplitHostOptions(["bench", "--detector", mode]);
        Assert.Equal("--detector must be 'reference' or 'fast'", error);
        Assert.NotNull(CliApp.SplitHostOptions(["bench", "--detector"]).Error);
    }

    [Fact]
    public async Task BenchNamesTheFastDetectorWhenConfigured()
    {
        var (_, overrides, _) = CliApp.SplitHostOptions(["--detector", "fast"]);
        using var host = CliHost.Build(overrides);
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.Copy(TestFaces.PathOf("edge/obama_small.jpg"), Path.Combine(dir.FullName, "a.jpg"));
            var stdout = new StringWriter();
            var code = await CliApp.RunAsync(["bench", "--images", dir.FullName, "--runs", "1", "--index", "0"], host.Services, stdout, new StringWriter());
            Assert.Equal(0, code);
            Assert.Contains("detector: fast", stdout.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

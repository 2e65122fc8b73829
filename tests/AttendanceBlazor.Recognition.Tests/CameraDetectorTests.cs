using AttendanceBlazor.Recognition.BlazeFace;
using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;
using SkiaSharp;
using Xunit.Abstractions;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>The engine with the camera detector beside the SSD (Recognition:CameraDetector = BlazeFace).</summary>
public sealed class CameraEngineFixture : IDisposable
{
    public CameraEngineFixture()
    {
        Options = new RecognitionOptions { CameraDetector = CameraDetector.BlazeFace };
        Models = FaceApiModels.Load(Options.ResolveModelDirectory());
        Camera = BlazeFaceDetector.Load(Options.ResolveCameraModelPath());
        Engine = new FaceEngine(Models, Models, new DlibAligner(), Models, Options, Camera);
    }

    public RecognitionOptions Options { get; }
    public FaceApiModels Models { get; }
    public BlazeFaceDetector Camera { get; }
    public FaceEngine Engine { get; }

    public DetectionSettings CameraStill => Engine.DefaultDetection with { Camera = true };

    public void Dispose()
    {
        Models.Dispose();
        Camera.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CameraEngineCollection : ICollectionFixture<CameraEngineFixture>
{
    public const string Name = "camera engine";
}

/// <summary>
/// BlazeFace, converted from its tfjs graph, as the detector of camera stills: it finds every portrait of the test
/// photos as one face, its boxes lead the same landmark net to the same descriptors as the SSD's, and a second face
/// behind the first is still seen (so "one person at a time" still holds).
/// </summary>
[Collection(CameraEngineCollection.Name)]
public sealed class CameraDetectorTests(CameraEngineFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> Portraits()
    {
        var data = new TheoryData<string>();
        foreach (var still in TestFaces.Labels.Where(l => l.Faces == 1)) data.Add(still.File);
        return data;
    }

    [Theory]
    [MemberData(nameof(Portraits))]
    public void EveryPortraitIsFoundAsOneFaceWithTheSameDescriptorAsTheSsdGives(string file)
    {
        var bytes = File.ReadAllBytes(TestFaces.PathOf(file));
        var ssd = fixture.Engine.Analyze(bytes);
        var camera = fixture.Engine.Analyze(bytes, fixture.CameraStill);

        var face = Assert.Single(camera.Faces);
        var reference = ssd.Faces.MaxBy(f => f.Box.Area)!;
        var distance = FaceIndex<int>.Distance(face.Descriptor, reference.Descriptor);
        output.WriteLine($"{file}: descriptor distance {distance:0.000} to the SSD's (camera box {face.Box}, SSD box {reference.Box})");
        // Measured on 2026-12-07: 0.05 to 0.13, and 0.18 for the face half covered by a hand (the SSD's own 8-bit mode
        // strays up to 0.12 from its float one); a person's two photos are 0.3 to 0.5 apart.
        Assert.True(distance <= 0.2, $"{file}: the camera detector's face is {distance:0.000} from the SSD's");
    }

    [Fact]
    public void ASecondFaceAQuarterAsWideBehindTheFirstIsStillSeen()
    {
        // A kiosk still: one face close to the camera, and behind it a second a quarter of its width.
        var still = Composite(fixture.Engine, "probe/obama.jpg", "probe/kit_harington.jpg", 0.25);
        var ssd = fixture.Engine.Analyze(still);
        var camera = fixture.Engine.Analyze(still, fixture.CameraStill);

        Assert.Equal(2, ssd.Detected);
        Assert.Equal(2, camera.Detected);
    }

    [Fact]
    public void TwoFacesOfSimilarSizeAtTheCameraAreOnePersonTooManyForEitherDetector()
    {
        // The kiosk's rule (Attendance:LargestFaceRatio, 1.5 by area): a second face nearly as large is not described.
        var still = Composite(fixture.Engine, "probe/obama.jpg", "probe/kit_harington.jpg", 0.9);
        var dominant = fixture.Engine.DominantFace(1.5);

        var ssd = fixture.Engine.Analyze(still, dominant);
        var camera = fixture.Engine.Analyze(still, dominant with { Camera = true });

        Assert.Equal((2, 0), (ssd.Detected, ssd.Faces.Count));
        Assert.Equal((2, 0), (camera.Detected, camera.Faces.Count));
    }

    /// <summary>
    /// A 1280 x 720 still: <paramref name="front"/> filling the left at full height, and beside it the face of
    /// <paramref name="behind"/> (with some of its surroundings) scaled to <paramref name="share"/> of the first face's width.
    /// </summary>
    internal static byte[] Composite(FaceEngine engine, string front, string behind, double share)
    {
        var frontBytes = File.ReadAllBytes(TestFaces.PathOf(front));
        var behindBytes = File.ReadAllBytes(TestFaces.PathOf(behind));
        var frontFace = engine.Analyze(frontBytes).Faces.Single().Box;
        var behindFace = engine.Analyze(behindBytes).Faces.Single().Box;
        using var a = SKImage.FromEncodedData(frontBytes);
        using var b = SKImage.FromEncodedData(behindBytes);
        using var surface = SKSurface.Create(new SKImageInfo(1280, 720));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(200, 200, 200));
        var scale = 720f / a.Height;
        canvas.DrawImage(a, new SKRect(0, 0, a.Width * scale, 720), new SKSamplingOptions(SKFilterMode.Linear));
        // The face behind, with half its size again around it, scaled so that it is share as wide as the one in front.
        var target = (float)(frontFace.Width * scale * share);
        var k = target / (float)behindFace.Width;
        var source = SKRect.Create((float)(behindFace.X - behindFace.Width / 2), (float)(behindFace.Y - behindFace.Height / 2), (float)behindFace.Width * 2, (float)behindFace.Height * 2);
        source.Intersect(SKRect.Create(0, 0, b.Width, b.Height));
        var place = SKRect.Create(1280 - 60 - source.Width * k, 100, source.Width * k, source.Height * k);
        canvas.DrawImage(b, source, place, new SKSamplingOptions(SKFilterMode.Linear));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}

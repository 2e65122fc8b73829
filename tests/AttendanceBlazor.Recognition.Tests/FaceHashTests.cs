using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;
using SkiaSharp;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>
/// The perceptual hash a replayed liveness recording is recognised by, and its threshold
/// (<see cref="FaceHash.SameFrameBits"/>): the same frames encoded again stay within it, another recording of the same
/// man at the same turns does not come within it (../shared/faces-pose person-a's two recordings).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class FaceHashTests(EngineFixture fixture)
{
    private static readonly string[] Recordings = ["person-a/turn-right-then-left", "person-a/turn-left-and-back"];

    private FaceHash? Hash(byte[] frame)
    {
        var analysis = fixture.Engine.Analyze(frame);
        var face = analysis.Faces.OrderByDescending(f => f.Box.Area).FirstOrDefault();
        return face is null ? null : FaceEngine.HashFace(analysis.Image, face.Landmarks);
    }

    private static byte[] Encode(byte[] jpeg, double scale, int quality, int brighten = 0)
    {
        using var source = SKBitmap.Decode(jpeg);
        var info = new SKImageInfo((int)(source.Width * scale), (int)(source.Height * scale));
        using var surface = SKSurface.Create(info);
        using var paint = new SKPaint();
        if (brighten != 0)
        {
            var b = brighten / 255f;
            paint.ColorFilter = SKColorFilter.CreateColorMatrix([1, 0, 0, 0, b, 0, 1, 0, 0, b, 0, 0, 1, 0, b, 0, 0, 0, 1, 0]);
        }
        using (var image = SKImage.FromBitmap(source))
        {
            surface.Canvas.DrawImage(image, new SKRect(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public static TheoryData<double, int, int, double> Encodings() => new()
    {
        // scale, JPEG quality, brightening, the share of frames that must stay within the threshold at least
        { 1.0, 70, 0, 0.9 },
        { 1.0, 85, 12, 0.9 },
        { 0.8, 85, 0, 0.75 },
        { 1.25, 85, 0, 0.9 },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void TheSameFramesEncodedAgainStayWithinTheThreshold(double scale, int quality, int brighten, double share)
    {
        var distances = new List<int>();
        foreach (var frame in TestFaces.Pose(Recordings[1]))
        {
            if (Hash(frame) is not { } original || Hash(Encode(frame, scale, quality, brighten)) is not { } again) continue;
            distances.Add(original.DistanceTo(again));
        }

        var within = distances.Count(d => d <= FaceHash.SameFrameBits) / (double)distances.Count;
        Assert.True(within >= share, $"{within:P0} of {distances.Count} frames within {FaceHash.SameFrameBits} bits (distances {string.Join(" ", distances)})");
    }

    [Fact]
    public void NoFrameOfOneRecordingOfAManIsTakenForAFrameOfHisOtherRecording()
    {
        var first = TestFaces.Pose(Recordings[0]).Select(Hash).OfType<FaceHash>().ToList();
        var second = TestFaces.Pose(Recordings[1]).Select(Hash).OfType<FaceHash>().ToList();

        var closest = first.SelectMany(a => second.Select(b => a.DistanceTo(b))).Min();

        Assert.Equal((39, 39), (first.Count, second.Count));
        Assert.True(closest > FaceHash.SameFrameBits, $"two frames of different recordings are {closest} bits apart");
    }

    [Fact]
    public void AHashSurvivesTheDatabasesBytes()
    {
        var hash = Hash(TestFaces.Pose(Recordings[0])[20])!.Value;

        Assert.Equal(hash, FaceHash.FromBytes(hash.ToBytes()));
        Assert.Equal(0, hash.DistanceTo(FaceHash.FromBytes(hash.ToBytes())));
    }
}

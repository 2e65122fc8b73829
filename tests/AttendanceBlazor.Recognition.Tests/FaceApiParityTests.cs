using System.Security.Cryptography;
using System.Text.Json;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>
/// The port against the original face-api.js on identical pixels. The fixture was written by
/// tests/faceapi-reference/regenerate-fixtures.sh: face-api.js (tfjs, WASM backend) on lossless PNG copies that the
/// engine's own decoder made of ../shared/faces. Here the same PNG copies are made again, their pixels checked
/// against the hashes the reference saw, and the engine run on them.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class FaceApiParityTests(EngineFixture fixture)
{
    internal static readonly Reference Fixture = JsonSerializer.Deserialize<Reference>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "faceapi-reference.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static TheoryData<string> Stills()
    {
        var data = new TheoryData<string>();
        foreach (var e in Fixture.Entries) data.Add(e.File);
        return data;
    }

    [Fact]
    public void FixtureCoversEveryLabelledStill()
    {
        var labelled = TestFaces.Labels.Select(l => l.PngName).Order().ToArray();
        Assert.Equal(labelled, Fixture.Entries.Select(e => e.File).Order().ToArray());
        Assert.Equal("wasm", Fixture.Backend);
    }

    [Theory]
    [MemberData(nameof(Stills))]
    public void EveryReferenceFaceIsFoundWithTheSameBoxLandmarksAndDescriptor(string pngName)
    {
        var entry = Fixture.Entries.Single(e => e.File == pngName);
        var image = LosslessCopy(pngName);
        Assert.Equal(entry.Sha256, Sha256(image.Pixels));

        var analysis = fixture.Engine.Analyze(image);
        Assert.Equal(entry.Faces.Length, analysis.Faces.Count);
        foreach (var reference in entry.Faces)
        {
            var match = analysis.Faces.MaxBy(f => Iou(f.Box, reference.Box))!;
            Assert.True(Iou(match.Box, reference.Box) >= 0.9, $"{pngName}: box IoU {Iou(match.Box, reference.Box):0.000}");
            Assert.InRange(match.Box.Score, reference.Score - 0.01, reference.Score + 0.01);
            var worstLandmark = reference.Landmarks.Zip(match.Landmarks, (r, o) => Math.Sqrt(Math.Pow(r[0] - o.X, 2) + Math.Pow(r[1] - o.Y, 2))).Max();
            Assert.True(worstLandmark < 1.0, $"{pngName}: a landmark is {worstLandmark:0.000} px from the reference");
            var distance = FaceIndex<int>.Distance(reference.Descriptor, match.Descriptor);
            Assert.True(distance <= 0.02, $"{pngName}: descriptor distance {distance:0.00000} to face-api.js");
        }
    }

    [Fact]
    public void MedianDescriptorDistanceToFaceApiIsUnderFiveThousandths()
    {
        var distances = new List<double>();
        foreach (var entry in Fixture.Entries)
        {
            var analysis = fixture.Engine.Analyze(LosslessCopy(entry.File));
            foreach (var reference in entry.Faces)
            {
                var match = analysis.Faces.MaxBy(f => Iou(f.Box, reference.Box))!;
                distances.Add(FaceIndex<int>.Distance(reference.Descriptor, match.Descriptor));
            }
        }
        distances.Sort();
        Assert.Equal(Fixture.Entries.Sum(e => e.Faces.Length), distances.Count);
        Assert.True(distances[distances.Count / 2] <= 0.005, $"median {distances[distances.Count / 2]:0.00000}");
    }

    /// <summary>What export-png writes for this still, read back: the pixels the reference saw.</summary>
    internal static RgbImage LosslessCopy(string pngName)
    {
        var still = TestFaces.Labels.Single(l => l.PngName == pngName);
        var decoded = ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf(still.File)));
        var png = decoded.EncodePng();
        var roundTrip = ImageDecoder.Decode(png);
        Assert.Equal(decoded.Pixels, roundTrip.Pixels);
        return roundTrip;
    }

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    internal static double Iou(FaceBox a, ReferenceBox b)
    {
        var x1 = Math.Max(a.X, b.X);
        var y1 = Math.Max(a.Y, b.Y);
        var x2 = Math.Min(a.X + a.Width, b.X + b.Width);
        var y2 = Math.Min(a.Y + a.Height, b.Y + b.Height);
        var inter = Math.Max(0, x2 - x1) * Math.Max(0, y2 - y1);
        return inter / (a.Width * a.Height + b.Width * b.Height - inter);
    }

    public sealed record Reference(string Backend, string Faceapi, ReferenceEntry[] Entries);

    public sealed record ReferenceEntry(string File, int Width, int Height, string Sha256, ReferenceFace[] Faces);

    public sealed record ReferenceFace(ReferenceBox Box, double Score, double[][] Landmarks, float[] Descriptor);

    public sealed record ReferenceBox(double X, double Y, double Width, double Height);
}

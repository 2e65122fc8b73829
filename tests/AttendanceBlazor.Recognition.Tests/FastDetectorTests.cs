using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>
/// The 8-bit detector (docs/decisions/008-fast-detector.md) against the original face-api.js on identical pixels.
/// It is not bit-faithful by design; these bounds say how far it may stray. Measured on 2026-11-25: box IoU at least
/// 0.907, descriptors within 0.116 of face-api.js's (median 0.068), scores within 0.08. Identification in this mode is
/// checked by <see cref="FastDetectorIdentificationTests"/>.
/// </summary>
[Collection(FastEngineCollection.Name)]
public sealed class FastDetectorTests(FastEngineFixture fixture)
{
    public static TheoryData<string> Stills()
    {
        var data = new TheoryData<string>();
        foreach (var e in FaceApiParityTests.Fixture.Entries) data.Add(e.File);
        return data;
    }

    [Theory]
    [MemberData(nameof(Stills))]
    public void FastDetectorFindsEveryReferenceFaceWithNearlyTheSameBoxAndDescriptor(string pngName)
    {
        Assert.Equal(DetectorMode.Fast, fixture.Models.DetectorMode);
        var entry = FaceApiParityTests.Fixture.Entries.Single(e => e.File == pngName);
        var analysis = fixture.Engine.Analyze(FaceApiParityTests.LosslessCopy(pngName));

        Assert.Equal(entry.Faces.Length, analysis.Faces.Count);
        foreach (var reference in entry.Faces)
        {
            var match = analysis.Faces.MaxBy(f => FaceApiParityTests.Iou(f.Box, reference.Box))!;
            var iou = FaceApiParityTests.Iou(match.Box, reference.Box);
            Assert.True(iou >= 0.85, $"{pngName}: box IoU {iou:0.000} with face-api.js");
            Assert.InRange(match.Box.Score, reference.Score - 0.15, reference.Score + 0.15);
            var distance = FaceIndex<int>.Distance(reference.Descriptor, match.Descriptor);
            Assert.True(distance <= 0.15, $"{pngName}: descriptor distance {distance:0.0000} to face-api.js");
        }
    }

    [Fact]
    public void SignedAndUnsignedWeightsGiveBitIdenticalDetectorOutputs()
    {
        // CPUs without VNNI get uint8 weights with zero point 128 instead of int8 (QuantizedLayers.SignedWeightsAreExact);
        // both encode the same integers, and this machine runs both.
        var weights = TfjsWeights.Load(new RecognitionOptions().ResolveModelDirectory(), SsdMobilenetV1Graph.ModelName);
        var input = DetectorInput("probe/obama.jpg");
        var signed = RunDetector(SsdMobilenetV1Graph.Build(weights, quantized: true, signedWeights: true).Model, input);
        var unsigned = RunDetector(SsdMobilenetV1Graph.Build(weights, quantized: true, signedWeights: false).Model, input);
        var reference = RunDetector(SsdMobilenetV1Graph.Build(weights).Model, input);

        Assert.Equal(signed.Boxes, unsigned.Boxes);
        Assert.Equal(signed.Classes, unsigned.Classes);
        // And the 8-bit graph is really a different computation from the float one.
        Assert.NotEqual(reference.Classes, signed.Classes);
    }

    /// <summary>The detector's input for a still, written by the engine's own preprocessing.</summary>
    private static float[] DetectorInput(string relative)
    {
        const int size = SsdMobilenetV1Graph.InputSize;
        var image = Imaging.ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf(relative)));
        var input = new float[3 * size * size];
        Imaging.TfPreprocessing.Write(image, new Imaging.PixelRect(0, 0, image.Width, image.Height), size, Imaging.TfPreprocessing.Ssd, input);
        return input;
    }

    private static (float[] Boxes, float[] Classes) RunDetector(byte[] model, float[] input)
    {
        using var session = new OnnxModel(model, 0);
        var outputs = session.Run(input, 1, 3, SsdMobilenetV1Graph.InputSize, SsdMobilenetV1Graph.InputSize);
        return (outputs[0], outputs[1]);
    }
}

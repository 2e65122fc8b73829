using AttendanceBlazor.Recognition.Matching;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>End to end on the original JPEGs and PNGs, with the reference detector.</summary>
[Collection(EngineCollection.Name)]
public sealed class IdentificationTests(EngineFixture fixture) : IdentificationTestsBase(fixture);

/// <summary>The same end-to-end checks with the 8-bit fast detector: it must identify exactly as well.</summary>
[Collection(FastEngineCollection.Name)]
public sealed class FastDetectorIdentificationTests(FastEngineFixture fixture) : IdentificationTestsBase(fixture);

/// <summary>Enrol the enrollment photos, identify everything else.</summary>
public abstract class IdentificationTestsBase(EngineFixture fixture) : IDisposable
{
    private readonly FaceIndex<string> _index = BuildIndex(fixture);

    private static FaceIndex<string> BuildIndex(EngineFixture fixture)
    {
        var index = new FaceIndex<string>(128, fixture.Options.MatchThreshold, fixture.Options.AmbiguityMargin);
        var id = 0L;
        foreach (var still in TestFaces.Labels.Where(l => l.Kind == "enroll"))
        {
            var face = Assert.Single(fixture.Analyze(still.File).Faces);
            index.Add(++id, still.Identities[0], face.Descriptor);
        }
        return index;
    }

    public static TheoryData<string> Probes() => Files(l => l.Kind == "probe" && l.Identities[0] != "unknown");

    public static TheoryData<string> EdgeStills() => Files(l => l.Kind == "edge");

    [Theory]
    [MemberData(nameof(Probes))]
    public void EveryProbeIsIdentifiedAsItsPerson(string file)
    {
        var still = TestFaces.Labels.Single(l => l.File == file);
        var face = Assert.Single(fixture.Analyze(file).Faces);
        var result = _index.Identify(face.Descriptor);
        Assert.Equal(MatchStatus.Match, result.Status);
        Assert.Equal(still.Identities[0], result.Person);
    }

    [Fact]
    public void TheUnknownFaceMatchesNobody()
    {
        var still = TestFaces.Labels.Single(l => l.Identities[0] == "unknown");
        var face = Assert.Single(fixture.Analyze(still.File).Faces);
        var result = _index.Identify(face.Descriptor);
        Assert.Equal(MatchStatus.NoMatch, result.Status);
        Assert.True(result.Distance > fixture.Options.MatchThreshold);
    }

    [Theory]
    [MemberData(nameof(EdgeStills))]
    public void EveryFaceOfEveryEdgeStillIsFoundAndIdentified(string file)
    {
        var still = TestFaces.Labels.Single(l => l.File == file);
        var analysis = fixture.Analyze(file);
        Assert.Equal(still.Faces, analysis.Faces.Count);
        var identified = analysis.Faces.Select(f => _index.Identify(f.Descriptor)).ToList();
        Assert.All(identified, r => Assert.Equal(MatchStatus.Match, r.Status));
        Assert.Equal(still.Identities.Order(), identified.Select(r => r.Person!).Order());
    }

    [Fact]
    public void DefaultThresholdSeparatesGenuineFromImpostorDistancesOnTheSharedFaces()
    {
        // The calibration behind RecognitionOptions.MatchThreshold (docs/decisions/002-match-threshold.md).
        var faces = TestFaces.Labels
            .Where(l => l.Identities[0] != "unknown" || l.Kind == "probe")
            .SelectMany(l =>
            {
                var analysis = fixture.Analyze(l.File);
                // Multi-face stills: only single-face stills give an unambiguous label per face.
                return l.Faces == 1 ? analysis.Faces.Select(f => (Person: l.Identities[0], f.Descriptor)) : [];
            })
            .ToList();
        var genuine = new List<double>();
        var impostor = new List<double>();
        for (var i = 0; i < faces.Count; i++)
        for (var j = i + 1; j < faces.Count; j++)
        {
            var d = FaceIndex<string>.Distance(faces[i].Descriptor, faces[j].Descriptor);
            (faces[i].Person == faces[j].Person && faces[i].Person != "unknown" ? genuine : impostor).Add(d);
        }
        Assert.True(genuine.Max() < fixture.Options.MatchThreshold, $"largest genuine distance {genuine.Max():0.000}");
        Assert.True(impostor.Min() > fixture.Options.MatchThreshold, $"smallest impostor distance {impostor.Min():0.000}");
    }

    private static TheoryData<string> Files(Func<LabeledStill, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (var l in TestFaces.Labels.Where(filter)) data.Add(l.File);
        return data;
    }

    public void Dispose()
    {
        _index.Dispose();
        GC.SuppressFinalize(this);
    }
}

using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Testing;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>
/// A gallery large enough for the 8-bit first pass (FaceIndex.QuantisedThreshold) answers exactly as the exact
/// search over every template: the same person, the same runner-up, the same distances. Real descriptors of the
/// shared photos and of faces-hard, and tens of thousands of near copies of them under other names, so the
/// candidates the first pass must not lose sit close together.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class QuantisedSearchTests(EngineFixture engine)
{
    private List<float[]> RealDescriptors()
    {
        var folders = new[] { TestFaces.Directory, Path.Combine(Path.GetDirectoryName(TestFaces.Directory)!, "faces-hard") };
        var descriptors = new List<float[]>();
        foreach (var file in folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.*", SearchOption.AllDirectories))
                     .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".gif", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                var analysis = engine.Engine.Analyze(File.ReadAllBytes(file));
                descriptors.AddRange(analysis.Faces.Select(f => f.Descriptor));
            }
            catch (Imaging.ImageDecodeException)
            {
                // The shared folders hold a few deliberately broken files.
            }
        }
        return descriptors;
    }

    [Fact]
    public void TheQuantisedSearchFindsWhatTheExactSearchFinds()
    {
        var real = RealDescriptors();
        Assert.True(real.Count > 50, $"only {real.Count} faces found in the shared photos");
        // The codes cover ±127/QuantScale; the real descriptors must fit, or clamping would be the rule, not the exception.
        var largest = real.Max(d => d.Max(Math.Abs));
        Assert.True(largest * FaceIndex<int>.QuantScale < 127, $"a descriptor value of {largest} is outside the 8-bit range");

        var random = new Random(20261202);
        var index = new FaceIndex<int>(128, 0.6, 0.05);
        var stored = new List<(int Person, float[] Vector)>();
        var id = 0L;
        // Every real face a person of its own, and 40,000 near copies of them (noise 0.03 a dimension) under other people.
        for (var i = 0; i < real.Count; i++) stored.Add((i, real[i]));
        for (var i = 0; i < 40_000; i++)
        {
            var source = real[random.Next(real.Count)];
            stored.Add((100_000 + i / 3, source.Select(v => v + (float)(random.NextDouble() - 0.5) * 0.06f).ToArray()));
        }
        foreach (var (person, vector) in stored) index.Add(++id, person, vector);
        Assert.True(index.Count >= FaceIndex<int>.QuantisedThreshold);

        foreach (var query in real.Select(d => d.Select(v => v + (float)(random.NextDouble() - 0.5) * 0.02f).ToArray()))
        {
            var quantised = index.Identify(query, 0.6);
            // The exact answer, by brute force: the nearest template, and the nearest of another person.
            var byDistance = stored.Select(s => (s.Person, Distance: FaceIndex<int>.Distance(query, s.Vector))).OrderBy(s => s.Distance).ToList();
            var best = byDistance[0];
            var runnerUp = byDistance.First(s => s.Person != best.Person);
            Assert.Equal(best.Person, quantised.Person);
            Assert.Equal(best.Distance, quantised.Distance, 5);
            Assert.Equal(runnerUp.Person, quantised.RunnerUp);
            Assert.Equal(runnerUp.Distance - best.Distance, quantised.Margin, 5);
        }
    }
}

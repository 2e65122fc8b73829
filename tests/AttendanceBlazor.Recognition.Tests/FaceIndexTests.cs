using AttendanceBlazor.Recognition.Matching;

namespace AttendanceBlazor.Recognition.Tests;

public sealed class FaceIndexTests
{
    private static float[] At(params float[] head)
    {
        var v = new float[4];
        head.CopyTo(v, 0);
        return v;
    }

    /// <summary>The index's descriptor store, read as a crash dump would (security review finding 27).</summary>
    private static float[] Store<T>(FaceIndex<T> index) where T : notnull =>
        (float[])typeof(FaceIndex<T>).GetField("_vectors", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(index)!;

    [Fact]
    public void RemovedClearedAndOutgrownDescriptorsAreZeroedInMemory()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05, initialCapacity: 2);
        index.Add(1, "ann", At(0.11f, 0.12f));
        index.Add(2, "bob", At(0.21f, 0.22f));
        var outgrown = Store(index);
        index.Add(3, "cy", At(0.31f, 0.32f));
        // Growing copied the descriptors to a new array; the old one is left zeroed for the collector.
        Assert.All(outgrown, v => Assert.Equal(0f, v));

        index.RemovePerson("ann");
        var store = Store(index);
        Assert.DoesNotContain(0.11f, store);
        Assert.Contains(0.31f, store);
        index.Clear();
        Assert.All(Store(index), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void EmptyIndexSaysSo()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05);
        Assert.Equal(MatchStatus.Empty, index.Identify(At(0)).Status);
    }

    [Fact]
    public void NearestTemplateOfSeveralPerPersonDecidesAndMarginIsToTheNextDifferentPerson()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05);
        index.Add(1, "ann", At(1.0f));
        index.Add(2, "ann", At(0.1f));
        index.Add(3, "ann", At(0.2f));
        index.Add(4, "bob", At(0.0f, 0.5f));
        var result = index.Identify(At(0));
        Assert.Equal(MatchStatus.Match, result.Status);
        Assert.Equal("ann", result.Person);
        Assert.Equal(0.1, result.Distance, 5);
        Assert.Equal("bob", result.RunnerUp);
        Assert.Equal(0.4, result.Margin, 5);
    }

    [Fact]
    public void TwoPeopleBothCloseAreRejectedAsAmbiguous()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05);
        index.Add(1, "ann", At(0.30f));
        index.Add(2, "bob", At(0.0f, 0.32f));
        var result = index.Identify(At(0));
        Assert.Equal(MatchStatus.Ambiguous, result.Status);
        Assert.False(result.IsMatch);
    }

    [Fact]
    public void ARunnerUpJustPastTheThresholdStillMakesACloseCallAmbiguous()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05);
        index.Add(1, "ann", At(0.59f));
        index.Add(2, "bob", At(0.0f, 0.62f));

        var result = index.Identify(At(0));

        // Bob is past 0.6, but only 0.03 farther than Ann: too close to tell them apart.
        Assert.Equal(MatchStatus.Ambiguous, result.Status);
        index.Add(3, "cid", At(0.0f, 0.0f, 0.3f));
        Assert.Equal(MatchStatus.Match, index.Identify(At(0)).Status);
    }

    [Fact]
    public void FarFaceIsNoMatch()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05);
        index.Add(1, "ann", At(0.9f));
        var result = index.Identify(At(0));
        Assert.Equal(MatchStatus.NoMatch, result.Status);
        Assert.Equal("ann", result.Person);
    }

    [Fact]
    public void RemovedTemplatesAndPeopleAreNoLongerFound()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05, initialCapacity: 1);
        index.Add(1, "ann", At(0.1f));
        index.Add(2, "bob", At(0.2f));
        index.Add(3, "bob", At(0.3f));
        Assert.True(index.Remove(1));
        Assert.False(index.Remove(1));
        Assert.Equal("bob", index.Identify(At(0)).Person);
        Assert.Equal(2, index.RemovePerson("bob"));
        Assert.Equal(0, index.Count);
        Assert.Equal(MatchStatus.Empty, index.Identify(At(0)).Status);
    }

    [Fact]
    public void ReassignMovesTemplatesToTheMergedPerson()
    {
        using var index = new FaceIndex<string>(4, 0.6, 0.05);
        index.Add(1, "ann", At(0.1f));
        index.Add(2, "ann-duplicate", At(0.0f, 0.1f));
        Assert.Equal(1, index.Reassign("ann-duplicate", "ann"));
        var result = index.Identify(At(0));
        Assert.Equal(MatchStatus.Match, result.Status);
        Assert.Equal("ann", result.Person);
        Assert.Null(result.RunnerUp);
    }

    [Fact]
    public void ParallelScanOfALargeIndexAgreesWithBruteForce()
    {
        var random = new Random(7);
        const int count = 50_000;
        var vectors = new float[count][];
        using var index = new FaceIndex<int>(128, 10, 0.0, 16);
        for (var i = 0; i < count; i++)
        {
            vectors[i] = Enumerable.Range(0, 128).Select(_ => (float)random.NextDouble()).ToArray();
            index.Add(i, i % 9_000, vectors[i]);
        }
        for (var q = 0; q < 5; q++)
        {
            var query = Enumerable.Range(0, 128).Select(_ => (float)random.NextDouble()).ToArray();
            var byPerson = Enumerable.Range(0, count)
                .GroupBy(i => i % 9_000)
                .Select(g => (Person: g.Key, Distance: g.Min(i => FaceIndex<int>.Distance(query, vectors[i]))))
                .OrderBy(x => x.Distance)
                .Take(2)
                .ToArray();
            var result = index.Identify(query);
            Assert.Equal(byPerson[0].Person, result.Person);
            Assert.Equal(byPerson[1].Person, result.RunnerUp);
            Assert.Equal(byPerson[0].Distance, result.Distance, 4);
        }
    }

    [Fact]
    public async Task ConcurrentAddsRemovesAndSearchesStayConsistent()
    {
        using var index = new FaceIndex<int>(4, 0.6, 0.05, initialCapacity: 2);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                long id = w * 10_000 + i;
                index.Add(id, w, At(w, i % 7 * 0.01f));
                if (i % 2 == 1) index.Remove(id);
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var r = index.Identify(At(1));
                Assert.True(r.Status is MatchStatus.Empty || r.Person is >= 0 and < 4);
            }
        }));
        await Task.WhenAll(writers.Concat(readers));
        Assert.Equal(4 * 1_000, index.Count);
    }
}

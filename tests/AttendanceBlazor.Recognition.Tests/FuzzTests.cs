using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>
/// A bounded mutation loop over the decode and recognition path (fixed seed, fixed count, so CI time is bounded and
/// a failure is reproducible): every mutated still either analyses or is refused with an ImageDecodeException.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class FuzzTests(EngineFixture fixture)
{
    [Theory]
    [InlineData("edge/obama_small.jpg", 1)]
    [InlineData("edge/obama_240p.jpg", 2)]
    [InlineData("png", 3)]
    [InlineData("gif", 4)]
    [InlineData("bmp", 5)]
    public void MutatedStillsAnalyseOrAreRefusedWithAReasonNeverCrash(string seedName, int seed)
    {
        var small = ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf("edge/obama_small.jpg")));
        var data = seedName switch
        {
            "png" => small.EncodePng(),
            "gif" => TestImages.TwoFrameGif(),
            "bmp" => TestImages.Bmp(small),
            _ => File.ReadAllBytes(TestFaces.PathOf(seedName)),
        };
        var random = new Random(seed);
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            var mutated = Mutations.Mutate(data, random);
            try
            {
                fixture.Engine.Analyze(mutated);
            }
            catch (ImageDecodeException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                refused++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"seed {seed}, iteration {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.True(refused > 0, "the mutations never produced an invalid file: the loop tests nothing");
    }
}

using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Matching;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>
/// The mirrored descriptor (Recognition:MirroredDescriptors) reads the aligned region's pixels right to left instead of
/// copying and flipping the crop first: the descriptor must be exactly the one of the flipped crop.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class MirroredInputTests(EngineFixture fixture)
{
    [Theory]
    [InlineData("probe/obama.jpg")]
    [InlineData("probe/alex_lacamoire_2.png")]
    [InlineData("enroll/kit_harington/1.jpg")]
    public void AMirroredRegionDescribesExactlyAsItsFlippedCrop(string photo)
    {
        var image = ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf(photo)));
        var face = fixture.Engine.Analyze(image).Faces.Single();
        var region = face.AlignedRegion;

        var read = fixture.Models.Embed(image, [region], mirrored: true)[0];
        var copied = fixture.Models.Embed(FlippedCrop(image, region), [new PixelRect(0, 0, region.Width, region.Height)])[0];

        Assert.Equal(copied, read);
        // And it is another view of the face, not the same input: close to the descriptor as seen, not equal.
        var seen = fixture.Models.Embed(image, [region])[0];
        Assert.NotEqual(seen, read);
        Assert.True(FaceIndex<int>.Distance(seen, read) < 0.3);
    }

    private static RgbImage FlippedCrop(RgbImage image, PixelRect r)
    {
        var rgba = new byte[r.Width * r.Height * 4];
        for (var y = 0; y < r.Height; y++)
        for (var x = 0; x < r.Width; x++)
        {
            image.Rgba.AsSpan(((r.Y + y) * image.Width + r.X + r.Width - 1 - x) * 4, 4).CopyTo(rgba.AsSpan((y * r.Width + x) * 4, 4));
        }
        return new RgbImage(r.Width, r.Height, rgba, rgba: true);
    }
}

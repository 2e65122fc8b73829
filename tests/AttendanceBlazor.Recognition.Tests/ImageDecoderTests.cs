using AttendanceBlazor.Recognition.Imaging;
using SkiaSharp;

namespace AttendanceBlazor.Recognition.Tests;

[Collection(EngineCollection.Name)]
public sealed class ImageDecoderTests(EngineFixture fixture)
{
    private static RgbImage Obama() => ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg")));

    [Fact]
    public void WebPNamedJpgIsRecognisedFromItsBytesAndItsFaceFound()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "photo.jpg");
            File.WriteAllBytes(path, TestImages.Encode(Obama(), SKEncodedImageFormat.Webp, 90));
            var bytes = File.ReadAllBytes(path);
            Assert.Equal("WebP", ImageDecoder.Sniff(bytes));
            Assert.Single(fixture.Engine.Analyze(bytes).Faces);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ExifOrientationIsAppliedSoASidewaysPhotoComesOutUpright()
    {
        var upright = Obama();
        var sideways = TestImages.RotateCounterClockwise(upright);
        var jpeg = TestImages.WithExifOrientation(TestImages.Encode(sideways, SKEncodedImageFormat.Jpeg, 100), orientation: 6);

        var decoded = ImageDecoder.Decode(jpeg);

        Assert.Equal((upright.Width, upright.Height), (decoded.Width, decoded.Height));
        var meanAbsDiff = upright.Pixels.Zip(decoded.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanAbsDiff < 3, $"mean difference {meanAbsDiff:0.00} grey levels");
        Assert.Single(fixture.Engine.Analyze(decoded).Faces);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void EveryExifOrientationGivesTheSameUprightPixels(ushort orientation)
    {
        // A 3 x 2 lossless PNG decoded, then re-stored as each orientation would have stored it.
        var source = new RgbImage(3, 2, Enumerable.Range(0, 18).Select(i => (byte)(i * 10)).ToArray());
        var stored = orientation switch
        {
            1 => source,
            3 => Rotate180(source),
            6 => TestImages.RotateCounterClockwise(source),
            _ => TestImages.RotateCounterClockwise(Rotate180(source)),
        };
        var origin = (SKEncodedOrigin)orientation;
        var upright = ImageDecoder.Orient(stored, origin);
        Assert.Equal(source.Pixels, upright.Pixels);
    }

    [Fact]
    public void SixteenBitRgbPngIsReducedToEightBits()
    {
        var png = TestImages.Png(4, 3, colorType: 2, bitDepth: 16, (x, y, c) => (x * 60 + c * 10) * 257);
        var image = ImageDecoder.Decode(png);
        Assert.Equal((4, 3), (image.Width, image.Height));
        Assert.Equal(new byte[] { 180, 190, 200 }, image.Pixels[9..12]);
    }

    [Fact]
    public void GrayscalePngGivesEqualChannels()
    {
        var png = TestImages.Png(5, 5, colorType: 0, bitDepth: 8, (x, y, _) => x * 50);
        var image = ImageDecoder.Decode(png);
        Assert.Equal(new byte[] { 100, 100, 100 }, image.Pixels[6..9]);
    }

    [Fact]
    public void BmpDecodesLosslesslyAndItsFaceIsFound()
    {
        var source = Obama();
        var image = ImageDecoder.Decode(TestImages.Bmp(source));
        Assert.Equal(source.Pixels, image.Pixels);
        Assert.Single(fixture.Engine.Analyze(image).Faces);
    }

    [Fact]
    public void AnimatedGifGivesItsFirstFrame()
    {
        var image = ImageDecoder.Decode(TestImages.TwoFrameGif());
        Assert.Equal(new byte[] { 255, 0, 0 }, image.Pixels);
    }

    [Fact]
    public void TransparentPixelsAreCompositedOverWhite()
    {
        var image = ImageDecoder.Decode(File.ReadAllBytes(TestFaces.PathOf("edge/rgba_32bit.png")));
        Assert.Equal(image.Width * image.Height * 3, image.Pixels.Length);
        Assert.Single(fixture.Engine.Analyze(image).Faces);
    }

    [Fact]
    public void EmptyDataIsRefused()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode([]));
        Assert.Equal(ImageError.Empty, ex.Error);
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void HtmlNamedJpgIsRefusedAsNotAnImage()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode("<html><body>hello</body></html>"u8));
        Assert.Equal(ImageError.NotAnImage, ex.Error);
        Assert.Contains("not an image", ex.Message);
    }

    [Fact]
    public void TruncatedJpegIsRefusedAsTruncated()
    {
        var jpeg = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2)));
        Assert.Equal(ImageError.Truncated, ex.Error);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void TruncatedPngIsRefusedAsTruncated()
    {
        var png = File.ReadAllBytes(TestFaces.PathOf("probe/alex_lacamoire_2.png"));
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png.AsSpan(0, png.Length - 100)));
        Assert.Equal(ImageError.Truncated, ex.Error);
    }

    [Fact]
    public void JpegMagicFollowedByGarbageIsRefused()
    {
        byte[] data = [0xFF, 0xD8, 0xFF, .. Enumerable.Repeat((byte)0x41, 500)];
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(data));
        Assert.Contains(ex.Error, new[] { ImageError.Corrupt, ImageError.Truncated });
    }

    [Fact]
    public void PixelLimitIsCheckedFromTheHeaderBeforeDecoding()
    {
        var png = TestImages.PngHeaderOnly(60000, 60000);
        Assert.True(png.Length < 100);
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(png));
        Assert.Equal(ImageError.TooManyPixels, ex.Error);
        Assert.Contains("60000 x 60000", ex.Message);
    }

    [Fact]
    public void ByteLimitIsCheckedFirst()
    {
        var jpeg = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        var ex = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(jpeg, new ImageLimits(1000, 40_000_000)));
        Assert.Equal(ImageError.TooManyBytes, ex.Error);
    }

    [Fact]
    public void OnePixelImageDecodesAndHasNoFace()
    {
        var png = TestImages.Png(1, 1, colorType: 2, bitDepth: 8, (_, _, _) => 128);
        var analysis = fixture.Engine.Analyze(png);
        Assert.Empty(analysis.Faces);
    }

    private static RgbImage Rotate180(RgbImage image) => TestImages.RotateCounterClockwise(TestImages.RotateCounterClockwise(image));
}

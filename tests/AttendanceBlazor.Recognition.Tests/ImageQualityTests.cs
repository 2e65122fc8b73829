using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>The figures that let the app say "too dark" or "blurred" instead of "no face" (calibration in AttendanceOptions).</summary>
public sealed class ImageQualityTests
{
    public static TheoryData<string> Photos() => ["enroll/obama/1.jpg", "enroll/biden/1.jpg", "probe/kit_harington.jpg", "edge/obama_1080p.jpg", "edge/obama_small.jpg"];

    [Theory]
    [MemberData(nameof(Photos))]
    public void APhotoIsBrightAndSharpItsDarkCopyIsDarkAndItsBlurredCopyIsSoftButContrasted(string photo)
    {
        var bytes = File.ReadAllBytes(TestFaces.PathOf(photo));

        var original = ImageQuality.Measure(ImageDecoder.Decode(bytes));
        var dark = ImageQuality.Measure(ImageDecoder.Decode(TestImages.Darkened(bytes, 0.12f)));
        var blurred = ImageQuality.Measure(ImageDecoder.Decode(TestImages.Blurred(bytes, 12)));

        Assert.InRange(original.MeanLuma, 30, 230);
        Assert.True(original.Sharpness > 200, $"sharpness {original.Sharpness:0}");
        Assert.True(dark.MeanLuma < 20, $"dark luma {dark.MeanLuma:0}");
        Assert.True(blurred.Sharpness < 40, $"blurred sharpness {blurred.Sharpness:0}");
        Assert.True(blurred.Contrast > 15, $"blurred contrast {blurred.Contrast:0}");
    }

    [Fact]
    public void AUniformFrameHasNeitherContrastNorSharpness()
    {
        var gray = new RgbImage(64, 48, Enumerable.Repeat((byte)90, 64 * 48 * 3).ToArray());
        var q = ImageQuality.Measure(gray);
        Assert.Equal(90, q.MeanLuma, 3);
        Assert.Equal(0, q.Contrast, 3);
        Assert.Equal(0, q.Sharpness, 3);
    }
}

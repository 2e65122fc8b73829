using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AttendanceBlazor.Recognition.Imaging;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// The bad-input corpus through POST /check_in_or_out: every case gets a clear 4xx with a message (or works, where
/// it is a valid image), nothing half-written, and the app stays up. Small files live in BadInputs/, large ones are
/// generated here.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static byte[] Face() => File.ReadAllBytes(TestFaces.PathOf("edge/obama_small.jpg"));

    private static RgbImage FaceImage() => ImageDecoder.Decode(Face());

    public static TheoryData<string> Refused() => new()
    {
        "zero-bytes", "truncated-jpeg", "html-named-jpg", "text", "png-60000x60000", "one-pixel", "animated-gif-no-face",
        "name-10000-chars", "name-control-chars", "name-only-spaces-unknown-face",
    };

    private static (byte[] Image, string? Name, HttpStatusCode Expected) Case(string kind) => kind switch
    {
        "zero-bytes" => ([], "Ann Lee", HttpStatusCode.BadRequest),
        "truncated-jpeg" => (Face()[..(Face().Length / 2)], "Ann Lee", HttpStatusCode.BadRequest),
        "html-named-jpg" => ("<!doctype html><html><body><img src=x onerror=alert(1)></body></html>"u8.ToArray(), "Ann Lee", HttpStatusCode.BadRequest),
        "text" => ("just some text"u8.ToArray(), "Ann Lee", HttpStatusCode.BadRequest),
        "png-60000x60000" => (TestImages.PngHeaderOnly(60000, 60000), "Ann Lee", HttpStatusCode.BadRequest),
        "one-pixel" => (TestImages.Png(1, 1, 2, 8, (_, _, _) => 200), "Ann Lee", HttpStatusCode.BadRequest),
        "animated-gif-no-face" => (TestImages.TwoFrameGif(), "Ann Lee", HttpStatusCode.BadRequest),
        "name-10000-chars" => (Face(), new string('a', 10_000), HttpStatusCode.BadRequest),
        "name-control-chars" => (Face(), "Ann\u0000Lee\u0007", HttpStatusCode.BadRequest),
        "name-only-spaces-unknown-face" => (Face(), "   ", HttpStatusCode.BadRequest),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task EachBadInputGetsA4xxWithAMessageAndNothingIsWritten(string kind)
    {
        var api = await _app.ApiClientAsync();
        var (image, name, expected) = Case(kind);

        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, name, image, "photo.jpg"));

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        await using var db = _app.Db();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.AttendanceRecords.CountAsync());
        // Still up.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/attendance?name=nobody")).StatusCode);
    }

    [Theory]
    [InlineData("dark", "too dark")]
    [InlineData("blurred", "blurred")]
    public async Task AStillTooDarkOrBlurredToFindAFaceSaysWhichAndWritesNothing(string kind, string expected)
    {
        var api = await _app.ApiClientAsync();
        var photo = File.ReadAllBytes(TestFaces.PathOf("enroll/obama/1.jpg"));
        var still = kind == "dark" ? TestImages.Darkened(photo, 0.12f) : TestImages.Blurred(photo, 12);

        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, "Barack Obama", still));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        await using var db = _app.Db();
        Assert.Equal(0, await db.People.CountAsync());
    }

    [Fact]
    public async Task ADarkButVisibleFaceStillWorks()
    {
        // 38 of 255: the darkest of the shared photos, lit well enough for the detector.
        var api = await _app.ApiClientAsync();
        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form("edge/obama_1080p.jpg", "Barack Obama"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Accepted() => new()
    {
        "webp-named-jpg", "cmyk-jpeg", "png-16-bit", "png-grayscale", "jpeg-huge-exif", "name-with-accents",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task ValidButUnusualImagesAndNamesWork(string kind)
    {
        var api = await _app.ApiClientAsync();
        var name = kind == "name-with-accents" ? "Barack Hussein Obama-Núñez (Sales)" : "Barack Obama";
        var image = kind switch
        {
            "webp-named-jpg" => TestImages.Encode(FaceImage(), SKEncodedImageFormat.Webp, 90),
            "cmyk-jpeg" => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "BadInputs", "cmyk-face.jpg")),
            "png-16-bit" => Png16(FaceImage()),
            "png-grayscale" => TestImages.Png(FaceImage().Width, FaceImage().Height, 0, 8, Grey(FaceImage())),
            "jpeg-huge-exif" => TestImages.WithExifOrientation(Face(), 1, padding: 60_000),
            _ => Face(),
        };

        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, name, image, "photo.jpg"));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(name, body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AThirtyMegabyteBodyGets413()
    {
        var api = await _app.ApiClientAsync();
        var body = new byte[30 * 1024 * 1024];
        Random.Shared.NextBytes(body);
        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, "Ann Lee", body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task MutatedStillsNeverCauseA5xx()
    {
        // A bounded mutation loop through the whole HTTP path; the engine-level loop runs many more iterations.
        var api = await _app.ApiClientAsync();
        var seed = Face();
        var random = new Random(20261124);
        for (var i = 0; i < 40; i++)
        {
            var mutated = Mutations.Mutate(seed, random);
            var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(null, $"Person {i}", mutated));
            Assert.True((int)response.StatusCode < 500, $"iteration {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            _app.Time.Advance(TimeSpan.FromMinutes(2));
        }
    }

    private static byte[] Png16(RgbImage image)
    {
        var px = image.Pixels;
        return TestImages.Png(image.Width, image.Height, 2, 16, (x, y, c) => px[(y * image.Width + x) * 3 + c] * 257);
    }

    private static Func<int, int, int, int> Grey(RgbImage image)
    {
        var px = image.Pixels;
        return (x, y, _) =>
        {
            var i = (y * image.Width + x) * 3;
            return (px[i] * 299 + px[i + 1] * 587 + px[i + 2] * 114) / 1000;
        };
    }

    public void Dispose() => _app.Dispose();
}

using Microsoft.Playwright;

namespace AttendanceBlazor.EndToEnd.Tests;

/// <summary>
/// A camera a test plays real frames into, in the browser: getUserMedia answers with a canvas's stream, and the canvas
/// shows a still until the test plays a clip (frames of ../shared/faces-pose at their own rate), then holds the clip's
/// last frame. The test watches the page and plays the clip the step on screen asks for, as a person would turn their
/// head (and as a script replaying a recording would): the app sees it through its camera module like any camera.
/// </summary>
public sealed class ScriptedCamera
{
    private readonly IPage _page;

    private ScriptedCamera(IPage page) => _page = page;

    /// <summary>Installs the camera in <paramref name="page"/> before it opens anything, showing <paramref name="still"/>.</summary>
    public static async Task<ScriptedCamera> InstallAsync(IPage page, byte[] still)
    {
        await page.AddInitScriptAsync(Script.Replace("STILL", Convert.ToBase64String(still)));
        return new ScriptedCamera(page);
    }

    /// <summary>Plays <paramref name="frames"/> at <paramref name="fps"/> from now, then holds the last one; returns once they are all shown.</summary>
    public async Task PlayAsync(IReadOnlyList<byte[]> frames, double fps)
    {
        var played = await _page.EvaluateAsync<int>("([frames, fps]) => window.__camera.play(frames, fps)",
            new object[] { frames.Select(Convert.ToBase64String).ToArray(), fps });
        if (played != frames.Count) throw new InvalidOperationException($"the camera showed {played} of {frames.Count} frames");
    }

    // 640 x 480, as a webcam: each frame drawn scaled into it. The stream is the canvas's; the video element and the
    // app's camera module draw from it as from any camera.
    private const string Script = """
        (() => {
          const canvas = document.createElement('canvas');
          canvas.width = 640;
          canvas.height = 480;
          const context = canvas.getContext('2d');
          const decode = (b64) => createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
          const draw = (bitmap) => context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
          const still = decode('STILL');
          const repaint = async () => { draw(await still); };
          // Redrawn now and then, so the stream keeps delivering frames while the picture holds still.
          let held = null;
          setInterval(async () => draw(held ?? await still), 100);
          repaint();
          window.__camera = {
            async play(frames, fps) {
              const bitmaps = await Promise.all(frames.map(decode));
              for (const bitmap of bitmaps) {
                held = bitmap;
                draw(bitmap);
                await new Promise((resolve) => setTimeout(resolve, 1000 / fps));
              }
              return bitmaps.length;
            },
          };
          navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(25);
        })();
        """;
}

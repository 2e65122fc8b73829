using AttendanceBlazor.Application.Liveness;

namespace AttendanceBlazor.Web.Components.Camera;

/// <summary>
/// The camera's side of the liveness challenge, the same for the kiosk and the own tab: while a step is on show, draw
/// it, record its frames for the step's time and hand them over as the step ends; the session then shows the next
/// step (or the same one again, or a new try), and the loop records again. The rules are <see cref="ChallengeSession"/>'s.
/// </summary>
public static class ChallengeRecorder
{
    /// <summary>
    /// Records until no step is on show. Returns <see cref="CameraPictureKind.Taken"/> when the challenge ended (met,
    /// failed, refused or stopped: <paramref name="submit"/> said what), else why a step's frames were missing (no
    /// picture, or no room for them in time: busy).
    /// </summary>
    public static async Task<CameraPictureKind> RecordAsync(Camera camera, ChallengeSession session,
        Func<byte[], Task> submit, Func<Task> redraw, CancellationToken cancellationToken)
    {
        while (session.Current is not null)
        {
            await redraw();
            var shown = session.Shown;
            using var burst = await camera.CaptureBurstAsync(session.StepDuration, shown, session.NeedsStill, session.Opening, cancellationToken);
            // The person chose the PIN (or left) while the step recorded: its frames are not wanted any more.
            if (session.Current is null || session.Shown != shown) return CameraPictureKind.Taken;
            if (burst.Kind != CameraPictureKind.Taken)
            {
                session.Stop();
                return burst.Kind;
            }
            // Submitted, then drawn: the page shows that the step is being looked at while it is judged.
            var submitted = submit(burst.Bytes);
            await redraw();
            await submitted;
        }
        return CameraPictureKind.Taken;
    }
}

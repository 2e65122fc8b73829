namespace AttendanceBlazor.Application.Liveness;

/// <summary>Why a step's frames did not prove a live person.</summary>
public enum LivenessFailure
{
    None,

    /// <summary>The frames could not be read, or were too few.</summary>
    BadBurst,

    /// <summary>The face was lost between frames: it jumped, or left the picture.</summary>
    LostFace,

    /// <summary>The turn asked for did not happen (a picture held up does not turn its nose against its outline).</summary>
    ChallengeNotMet,

    /// <summary>The first turn went to the other side.</summary>
    WrongWayFirst,

    /// <summary>The face in the step's frames is not the face of the press's still.</summary>
    DifferentFace,

    /// <summary>The frames came sooner after the step was shown than the step lasts: they were not recorded for it.</summary>
    TooEarly,

    /// <summary>The frames came after the step's time was up.</summary>
    TooLate,
}

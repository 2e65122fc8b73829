namespace AttendanceBlazor.Application.Liveness;

/// <summary>Why a burst did not prove a live person.</summary>
public enum LivenessFailure
{
    None,

    /// <summary>No challenge under that nonce: unknown, already used, or expired.</summary>
    NoChallenge,

    /// <summary>The burst could not be read, or had too few frames.</summary>
    BadBurst,

    /// <summary>The first frame has no usable face (the identity still's own problem says which).</summary>
    NoFace,

    /// <summary>The face was lost between frames: it jumped, or left the picture.</summary>
    LostFace,

    /// <summary>The movement asked for did not happen (a picture held up does not turn its nose against its outline).</summary>
    ChallengeNotMet,

    /// <summary>The face at the end of the burst is not the face at its start.</summary>
    DifferentFace,
}

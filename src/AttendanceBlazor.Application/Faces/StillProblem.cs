using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Application.Faces;

/// <summary>Why a still gave no face to decide on.</summary>
public enum StillProblem
{
    None,
    BadImage,
    ImageTooLarge,
    NoFace,
    TooDark,
    Blurred,
    SeveralFaces,

    /// <summary>Every analysis slot is taken and the queue is full (RecognitionGate): try again shortly.</summary>
    Busy,
}

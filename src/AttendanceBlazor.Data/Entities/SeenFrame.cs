namespace AttendanceBlazor.Data.Entities;

/// <summary>
/// A frame of a liveness challenge that passed, kept as a perceptual hash of the face and its surroundings (32 bytes;
/// no picture can be drawn back from it), so the same frames sent again (a replayed recording) are refused. Bound to
/// the person the press was for (<see cref="PersonId"/>, erased with them) once known; a press that named nobody
/// (a registration before its person exists, a question nobody answered) keeps only its <see cref="PressId"/>. Kept
/// for Attendance:LivenessFrameDays (docs/decisions/016-replay-proof-liveness.md).
/// </summary>
public sealed class SeenFrame
{
    public long Id { get; set; }

    /// <summary>The press whose challenge showed this frame: a registration from it claims its frames.</summary>
    public Guid PressId { get; set; }

    public int? PersonId { get; set; }

    /// <summary>The hash (Recognition's FaceHash, 256 bits).</summary>
    public required byte[] Hash { get; set; }

    public DateTime SeenUtc { get; set; }
}

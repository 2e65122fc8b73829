using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Recognition;

/// <summary>How the face detector computes: see <see cref="RecognitionOptions.DetectorMode"/>.</summary>
public enum DetectorMode
{
    Reference,
    Fast,
}

using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Recognition;

/// <summary>How the face detector computes: see <see cref="RecognitionOptions.DetectorMode"/>.</summary>
public enum DetectorMode
{
    Reference,
    Fast,
}

/// <summary>Which detector finds a person at a camera: see <see cref="RecognitionOptions.CameraDetector"/>.</summary>
public enum CameraDetector
{
    Ssd,
    BlazeFace,
}

namespace AttendanceBlazor.Data.Entities;

/// <summary>Whether people may check in from their own browser tab (/me and the app bar), and how.</summary>
public enum PersonalCheckInPolicy
{
    /// <summary>Only kiosks and devices record attendance.</summary>
    Off = 0,

    /// <summary>With the person's own face, verified against their own templates (the default).</summary>
    FaceOnly = 1,

    /// <summary>With the face, or with a plain button (a non-biometric punch, for people who declined their face).</summary>
    FaceOrButton = 2,
}

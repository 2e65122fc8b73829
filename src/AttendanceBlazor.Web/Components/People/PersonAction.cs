namespace AttendanceBlazor.Web.Components.People;

/// <summary>What HR does to a person from the People page.</summary>
public enum PersonAction
{
    Rename,
    AddSample,
    Merge,
    Pin,
    Delete,
    NewWithPin,
    Deactivate,
    KioskName,

    /// <summary>Someone added by HR before their first day, without a face.</summary>
    NewBeforeFirstDay,
}

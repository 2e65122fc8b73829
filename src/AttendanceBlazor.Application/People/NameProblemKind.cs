namespace AttendanceBlazor.Application.People;

/// <summary>Why a typed name cannot be a person's name.</summary>
public enum NameProblemKind
{
    Empty,
    TooLong,

    /// <summary>Invisible or control characters: zero-width, bidirectional controls, unassigned code points.</summary>
    ForbiddenCharacters,

    /// <summary>A character a name does not have (a symbol, an emoji); letters, marks, digits, spaces and ' ’ ‐ - . , ( ) do.</summary>
    NotAllowedCharacter,

    /// <summary>Not a single letter.</summary>
    NoLetter,
}

using AttendanceBlazor.Application.Faces;

namespace AttendanceBlazor.Web.Components.Camera;

public enum CameraPictureKind
{
    /// <summary>The picture arrived: <see cref="CameraPicture.Bytes"/>.</summary>
    Taken,

    /// <summary>The camera had no picture to give (not started, no frame yet).</summary>
    None,

    /// <summary>The server has no room for the picture within the press's deadline (BufferBudget): busy.</summary>
    Busy,
}

/// <summary>
/// A still or a burst from the browser, in memory, with the room it takes in the process's picture budget: dispose it
/// once the press is answered, and the room goes back.
/// </summary>
public sealed class CameraPicture : IDisposable
{
    private readonly BufferBudget.Lease? _room;

    private CameraPicture(CameraPictureKind kind, byte[] bytes, BufferBudget.Lease? room)
    {
        Kind = kind;
        Bytes = bytes;
        _room = room;
    }

    public static CameraPicture None { get; } = new(CameraPictureKind.None, [], null);

    public static CameraPicture Busy { get; } = new(CameraPictureKind.Busy, [], null);

    public static CameraPicture Taken(byte[] bytes, BufferBudget.Lease room) => new(CameraPictureKind.Taken, bytes, room);

    public CameraPictureKind Kind { get; }

    public byte[] Bytes { get; }

    public void Dispose() => _room?.Dispose();
}

using System.Buffers.Binary;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// One step's frames as the camera page sends them over the circuit, in one stream: a 32-bit frame count, then for
/// each frame a 32-bit length and its JPEG bytes (little-endian). In the first step of a try the first frame is a full
/// still (the check-in's face); the rest are smaller, as the camera module draws them: a burst is capped near its real
/// size (<see cref="MaxBytes"/>), so a circuit cannot make the server hold more than that for a step.
/// </summary>
public static class LivenessBurst
{
    /// <summary>Frames in a burst at most: a 3 s step at 6 frames a second is 19; room for a longer step, never unbounded.</summary>
    public const int MaxFrames = 64;

    /// <summary>A small frame at most: 480 px wide JPEGs are 20 to 80 kB; a quarter of a megabyte leaves room for noise.</summary>
    public const int MaxSmallFrameBytes = 256 * 1024;

    /// <summary>The largest burst a camera sends: with a still within <paramref name="stillBytes"/>, or without one (0).</summary>
    public static long MaxBytes(long stillBytes) => stillBytes > 0
        ? 4 + 4 + stillBytes + (MaxFrames - 1L) * (4 + MaxSmallFrameBytes)
        : 4 + MaxFrames * (4L + MaxSmallFrameBytes);

    /// <summary>
    /// The frames, or null when the bytes are not a burst (a wrong length, too many frames, a small frame larger than
    /// a camera draws one; a still's size, first <paramref name="withStill"/>, is the still limit's, checked by its decoder).
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>>? Parse(ReadOnlyMemory<byte> burst, bool withStill = true, bool smallFrames = true)
    {
        var span = burst.Span;
        if (span.Length < 4) return null;
        var count = BinaryPrimitives.ReadInt32LittleEndian(span);
        if (count is < 1 or > MaxFrames) return null;
        var frames = new List<ReadOnlyMemory<byte>>(count);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            if (at + 4 > span.Length) return null;
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
            at += 4;
            if (length <= 0 || at + length > span.Length || (smallFrames && (i > 0 || !withStill) && length > MaxSmallFrameBytes)) return null;
            frames.Add(burst.Slice(at, length));
            at += length;
        }
        return at == span.Length ? frames : null;
    }

    /// <summary>The bytes of a burst of <paramref name="frames"/> (tests and tools build bursts from files with it).</summary>
    public static byte[] Build(IReadOnlyList<byte[]> frames)
    {
        var buffer = new byte[4 + frames.Sum(f => 4 + f.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, frames.Count);
        var at = 4;
        foreach (var frame in frames)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), frame.Length);
            frame.CopyTo(buffer, at + 4);
            at += 4 + frame.Length;
        }
        return buffer;
    }
}

using System.Buffers.Binary;

namespace CircuitLoad;

/// <summary>
/// What a camera shows for the liveness challenge's steps: a still (a try's first frame) and a step's frames for a turn
/// to either side, from a folder with still.jpg, left/*.jpg and right/*.jpg. Packed as the camera module packs a step:
/// a 32-bit count, then per frame a 32-bit length and its bytes (little-endian).
/// </summary>
internal sealed class StepClips
{
    private readonly byte[] _still;
    private readonly List<byte[]> _left;
    private readonly List<byte[]> _right;

    private StepClips(byte[] still, List<byte[]> left, List<byte[]> right) => (_still, _left, _right) = (still, left, right);

    public static StepClips Load(string folder)
    {
        List<byte[]> Frames(string side)
        {
            var dir = Path.Combine(folder, side);
            var frames = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList() : [];
            return frames.Count >= 6 ? frames : throw new ArgumentException($"no step's frames in {dir}");
        }
        var still = Path.Combine(folder, "still.jpg");
        if (!File.Exists(still)) throw new ArgumentException($"no {still}");
        return new StepClips(File.ReadAllBytes(still), Frames("left"), Frames("right"));
    }

    /// <summary>The bytes for a step that asks for a turn to <paramref name="left"/> (else right), with the still first when asked.</summary>
    public byte[] Build(bool left, bool withStill)
    {
        var frames = new List<byte[]>(withStill ? [_still] : []);
        frames.AddRange(left ? _left : _right);
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

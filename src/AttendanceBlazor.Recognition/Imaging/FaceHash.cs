using System.Buffers.Binary;
using System.Numerics;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.Imaging;

/// <summary>
/// A perceptual hash of a face and what is around it (a difference hash, "dHash"): a square 2.2 times the face's box,
/// centred on it, shrunk to 17 x 16 cells of mean luma, and one bit per pair of neighbouring cells saying whether the
/// right one is brighter: 256 bits. The same frame encoded again, scaled or brightened keeps nearly all of them; a
/// frame of another recording of the same person, at the same turn of the head, does not (the hair, the light, the
/// background around the face differ). Used to tell a liveness burst that repeats frames the server saw before (a
/// replayed recording) from a new one; docs/decisions/016-replay-proof-liveness.md has the measurements behind
/// <see cref="SameFrameBits"/>.
/// </summary>
public readonly record struct FaceHash(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>The square hashed, as a multiple of the face box's larger side.</summary>
    public const double Context = 2.2;

    private const int Cells = 16;

    /// <summary>
    /// Two hashes this close (bits that differ, of 256) are taken for the same frame. Measured on
    /// ../shared/faces-pose person-a: his frames encoded again at JPEG quality 50 to 90, scaled 0.6 to 1.25 times or
    /// brightened stay within it for 54 to 100% of frames; of his two recordings, no frame of one comes within it
    /// of any frame of the other.
    /// </summary>
    public const int SameFrameBits = 17;

    public const int Bytes = 32;

    /// <summary>The hash of the face in <paramref name="box"/> of <paramref name="image"/>, with its surroundings.</summary>
    public static FaceHash Of(RgbImage image, FaceBox box)
    {
        var side = Math.Max(box.Width, box.Height) * Context;
        double left = box.X + box.Width / 2 - side / 2, top = box.Y + box.Height / 2 - side / 2;
        // 17 columns, so 16 differences a row; each cell the mean of 4 x 4 samples (edges repeat the border pixel).
        const int columns = Cells + 1, samples = 4;
        var cells = new double[columns * Cells];
        var rgba = image.Rgba;
        for (var cy = 0; cy < Cells; cy++)
        {
            for (var cx = 0; cx < columns; cx++)
            {
                double sum = 0;
                for (var sy = 0; sy < samples; sy++)
                {
                    var y = Math.Clamp((int)(top + (cy + (sy + 0.5) / samples) * side / Cells), 0, image.Height - 1);
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var x = Math.Clamp((int)(left + (cx + (sx + 0.5) / samples) * side / columns), 0, image.Width - 1);
                        var i = (y * image.Width + x) * 4;
                        sum += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
                    }
                }
                cells[cy * columns + cx] = sum;
            }
        }
        Span<ulong> words = stackalloc ulong[4];
        for (var cy = 0; cy < Cells; cy++)
        {
            for (var cx = 0; cx < Cells; cx++)
            {
                if (cells[cy * columns + cx + 1] > cells[cy * columns + cx])
                {
                    var bit = cy * Cells + cx;
                    words[bit / 64] |= 1UL << (bit % 64);
                }
            }
        }
        return new FaceHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>Bits in which two hashes differ (0 to 256).</summary>
    public int DistanceTo(FaceHash other) =>
        BitOperations.PopCount(A ^ other.A) + BitOperations.PopCount(B ^ other.B) + BitOperations.PopCount(C ^ other.C) + BitOperations.PopCount(D ^ other.D);

    public bool IsSameFrameAs(FaceHash other) => DistanceTo(other) <= SameFrameBits;

    public byte[] ToBytes()
    {
        var bytes = new byte[Bytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, A);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), B);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), C);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), D);
        return bytes;
    }

    public static FaceHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Bytes) throw new ArgumentException($"A face hash is {Bytes} bytes, not {bytes.Length}.", nameof(bytes));
        return new(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }
}

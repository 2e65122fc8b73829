using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>A face descriptor of a person, with the model that made it and a small thumbnail.</summary>
public sealed class FaceTemplate
{
    public long Id { get; set; }

    public int PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The descriptor as little-endian float32s (128 of them for the face-api.js model: 512 bytes).</summary>
    public required byte[] Descriptor { get; set; }

    /// <summary>The embedder's model id; templates of another model are never compared with these.</summary>
    public required string ModelId { get; set; }

    /// <summary>The detector's score for the face the template came from.</summary>
    public float Quality { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>A small JPEG of the face, kept only when Attendance:KeepThumbnails allows it.</summary>
    public byte[]? Thumbnail { get; set; }

    public float[] ToVector()
    {
        var v = new float[Descriptor.Length / 4];
        Buffer.BlockCopy(Descriptor, 0, v, 0, Descriptor.Length);
        return v;
    }

    public static byte[] FromVector(ReadOnlySpan<float> vector) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector).ToArray();
}

using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>Turns aligned face regions into descriptors. <see cref="ModelId"/> is stored with every descriptor.</summary>
public interface IFaceEmbedder
{
    string ModelId { get; }
    int Dimension { get; }
    /// <summary>The descriptors of <paramref name="regions"/>; <paramref name="mirrored"/>: of each region as seen in a mirror (its own pixels flipped).</summary>
    IReadOnlyList<float[]> Embed(RgbImage image, IReadOnlyList<PixelRect> regions, bool mirrored = false);
}

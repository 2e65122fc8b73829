using AttendanceBlazor.Recognition.Imaging;

namespace AttendanceBlazor.Recognition.Pipeline;

/// <summary>Turns aligned face regions into descriptors. <see cref="ModelId"/> is stored with every descriptor.</summary>
public interface IFaceEmbedder
{
    string ModelId { get; }
    int Dimension { get; }
    IReadOnlyList<float[]> Embed(RgbImage image, IReadOnlyList<PixelRect> regions);
}

using AttendanceBlazor.Recognition.FaceApi;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>Missing or corrupt model files give an error that names the file. Each test works on a copy.</summary>
public sealed class ModelLoadingTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("models-");

    public ModelLoadingTests()
    {
        foreach (var file in Directory.GetFiles(new RecognitionOptions().ResolveModelDirectory()))
        {
            File.Copy(file, Path.Combine(_dir.FullName, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void MissingWeightsFileIsNamedInTheError()
    {
        File.Delete(Path.Combine(_dir.FullName, "face_recognition_model.bin"));
        var ex = Assert.Throws<ModelLoadException>(() => FaceApiModels.Load(_dir.FullName));
        Assert.EndsWith("face_recognition_model.bin", ex.FilePath);
        Assert.Contains("face_recognition_model.bin", ex.Message);
        Assert.Contains("not found", ex.Message);
    }

    [Fact]
    public void MissingManifestIsNamedInTheError()
    {
        File.Delete(Path.Combine(_dir.FullName, "ssd_mobilenetv1_model-weights_manifest.json"));
        var ex = Assert.Throws<ModelLoadException>(() => FaceApiModels.Load(_dir.FullName));
        Assert.Contains("ssd_mobilenetv1_model-weights_manifest.json", ex.Message);
    }

    [Fact]
    public void TruncatedWeightsFileIsReportedAsCorrupt()
    {
        var path = Path.Combine(_dir.FullName, "face_landmark_68_model.bin");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<ModelLoadException>(() => FaceApiModels.Load(_dir.FullName));
        Assert.Contains("face_landmark_68_model.bin", ex.Message);
        Assert.Contains("corrupt", ex.Message);
    }

    [Fact]
    public void WeightsFileWithExtraBytesIsReportedAsCorrupt()
    {
        var path = Path.Combine(_dir.FullName, "ssd_mobilenetv1_model.bin");
        File.AppendAllText(path, "garbage");
        var ex = Assert.Throws<ModelLoadException>(() => FaceApiModels.Load(_dir.FullName));
        Assert.Contains("ssd_mobilenetv1_model.bin", ex.Message);
    }

    [Fact]
    public void ManifestThatIsNotJsonIsReportedAsCorrupt()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "face_recognition_model-weights_manifest.json"), "{ not json");
        var ex = Assert.Throws<ModelLoadException>(() => FaceApiModels.Load(_dir.FullName));
        Assert.Contains("face_recognition_model-weights_manifest.json", ex.Message);
        Assert.Contains("corrupt", ex.Message);
    }

    [Fact]
    public void IntactCopyLoads()
    {
        using var models = FaceApiModels.Load(_dir.FullName);
        Assert.Equal(FaceApiModels.DescriptorModelId, models.ModelId);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}

using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>The real engine, loaded once for the whole test collection (conversion takes about a second).</summary>
public class EngineFixture : IDisposable
{
    public EngineFixture()
        : this(DetectorMode.Reference)
    {
    }

    protected EngineFixture(DetectorMode detectorMode)
    {
        Options = new RecognitionOptions { DetectorMode = detectorMode };
        Models = FaceApiModels.Load(Options.ResolveModelDirectory(), detectorMode: detectorMode);
        Engine = new FaceEngine(Models, Models, new DlibAligner(), Models, Options);
    }

    public RecognitionOptions Options { get; }
    public FaceApiModels Models { get; }
    public FaceEngine Engine { get; }

    public FaceAnalysis Analyze(string relative) => Engine.Analyze(File.ReadAllBytes(TestFaces.PathOf(relative)));

    public void Dispose()
    {
        Models.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The engine with the 8-bit detector (Recognition:DetectorMode = Fast).</summary>
public sealed class FastEngineFixture() : EngineFixture(DetectorMode.Fast);

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}

[CollectionDefinition(Name)]
public sealed class FastEngineCollection : ICollectionFixture<FastEngineFixture>
{
    public const string Name = "fast engine";
}

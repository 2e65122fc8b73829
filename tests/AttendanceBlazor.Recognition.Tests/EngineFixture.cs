using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.Tests;

/// <summary>The real engine, loaded once for the whole test collection (conversion takes about a second).</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Options = new RecognitionOptions();
        Models = FaceApiModels.Load(Options.ResolveModelDirectory());
        Engine = new FaceEngine(Models, Models, new DlibAligner(), Models, Options);
    }

    public RecognitionOptions Options { get; }
    public FaceApiModels Models { get; }
    public FaceEngine Engine { get; }

    public FaceAnalysis Analyze(string relative) => Engine.Analyze(File.ReadAllBytes(TestFaces.PathOf(relative)));

    public void Dispose() => Models.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}

using AttendanceBlazor.Recognition.FaceApi;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Recognition;

public static class RecognitionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the recognition engine: options from "Recognition" (validated on start), the face-api.js models
    /// converted once into singleton ONNX sessions, and the <see cref="FaceEngine"/> that composes them.
    /// </summary>
    public static IHostApplicationBuilder AddRecognition(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRecognition(builder.Configuration);
        return builder;
    }

    /// <summary>The same, for a service collection built by hand (tests, tools).</summary>
    public static IServiceCollection AddRecognition(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecognitionOptions>()
            .Bind(configuration.GetSection(RecognitionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RecognitionOptions>>().Value;
            return FaceApiModels.Load(options.ResolveModelDirectory(), options.IntraOpThreads, options.DetectorMode);
        });
        services.TryAddSingleton<IFaceDetector>(sp => sp.GetRequiredService<FaceApiModels>());
        services.TryAddSingleton<ILandmarkDetector>(sp => sp.GetRequiredService<FaceApiModels>());
        services.TryAddSingleton<IFaceEmbedder>(sp => sp.GetRequiredService<FaceApiModels>());
        services.TryAddSingleton<IFaceAligner, DlibAligner>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RecognitionOptions>>().Value;
            return BlazeFace.BlazeFaceDetector.Load(options.ResolveCameraModelPath(), options.IntraOpThreads);
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RecognitionOptions>>().Value;
            return new FaceEngine(
                sp.GetRequiredService<IFaceDetector>(),
                sp.GetRequiredService<ILandmarkDetector>(),
                sp.GetRequiredService<IFaceAligner>(),
                sp.GetRequiredService<IFaceEmbedder>(),
                options,
                options.CameraDetector == CameraDetector.BlazeFace ? sp.GetRequiredService<BlazeFace.BlazeFaceDetector>() : null);
        });
        return services;
    }
}

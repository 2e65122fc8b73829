using AttendanceBlazor.Recognition;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace AttendanceBlazor.Web.Tests.Components;

/// <summary>
/// The one bUnit setup: MudBlazor with transitions off and loose JS interop for its own calls, authorization, and
/// the app's real services (attendance, people, options) taken from a running <see cref="AppFactory"/>, so the
/// components work against a real SQLite file and the real recognition engine.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        // Waits cover real work (recognition, PBKDF2 for PINs, SQLite writes) on a 2-core CI machine that may be busy;
        // one second, bUnit's default, is a timing assertion in disguise.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        ConfigureApp(App.Settings);
        var app = App.Services;
        Services.AddSingleton<TimeProvider>(App.Time);
        // What a circuit has of its own: a component test has no circuit connection, so the browser's address is the
        // loopback, as in the browser tests, and the browser counts as connected.
        Services.AddSingleton(new Web.Security.ClientAddress { Address = System.Net.IPAddress.Loopback });
        Services.AddSingleton(new Web.Security.CircuitPresence());
        Services.AddSingleton(new Web.Components.Personal.PersonalCheckInEvents());
        // The app's configured options, not defaults: bUnit's own container answers IOptions<T> for any T itself.
        Services.AddSingleton(app.GetRequiredService<IOptions<AttendanceOptions>>());
        Services.AddSingleton(app.GetRequiredService<IOptions<RecognitionOptions>>());
        Services.AddSingleton(app.GetRequiredService<IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>());
        // Everything else as the app registers it (the application's services, the web's singletons).
        Services.AddFallbackServiceProvider(app);
    }

    protected AppFactory App { get; } = new();

    /// <summary>Settings for the app before it starts (called from the constructor: use constants only).</summary>
    protected virtual void ConfigureApp(Dictionary<string, string?> settings)
    {
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor registers services that only dispose asynchronously; xunit v2 awaits this before Dispose.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await App.DisposeAsync();
    }
}

/// <summary>A still as the browser hands it over: a stream reference over real photo bytes.</summary>
public sealed class PhotoStreamReference(byte[] bytes) : IJSStreamReference
{
    public long Length => bytes.Length;

    public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
    {
        if (bytes.Length > maxAllowedSize) throw new InvalidOperationException($"{bytes.Length} bytes is over the {maxAllowedSize} cap");
        return ValueTask.FromResult<Stream>(new MemoryStream(bytes));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

using AttendanceBlazor.Data;
using AttendanceBlazor.Recognition;
using AttendanceBlazor.Web;
using AttendanceBlazor.Web.Api;
using AttendanceBlazor.Web.Components;
using AttendanceBlazor.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddAttendanceData();
builder.Services.AddRecognition(builder.Configuration);
builder.AddAttendanceWeb();

var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    app.UseMigrationsEndPoint();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseMiddleware<SecurityHeadersMiddleware>();

app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMiddleware<FirstRunMiddleware>();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapAttendanceApi();
app.MapExports();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();

app.Run();

// The integration tests start this exact host with WebApplicationFactory<Program>.
public partial class Program;

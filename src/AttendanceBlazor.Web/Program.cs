using AttendanceBlazor.Application;
using AttendanceBlazor.Web;
using AttendanceBlazor.Web.Api;
using AttendanceBlazor.Web.Components;
using AttendanceBlazor.Web.Hosting;
using AttendanceBlazor.Web.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddAttendanceApplication();
builder.AddAttendanceWeb();

var app = builder.Build();

// Before anything that can queue a request: the moment it arrived (the event's time, the deadline of its answer).
app.UseRequestArrival();
// First: the client's address and scheme as a configured proxy forwards them, so cookies, HSTS and the per-address
// limits see the real client.
app.UseTrustedProxies();
app.UseMiddleware<HttpsRequiredMiddleware>();
if (app.Environment.IsDevelopment())
{
    app.UseMigrationsEndPoint();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
// The not-found page for what a browser asks for; a POST to a path that does not exist stays a bare 404 (re-executed,
// it would reach the page as a form post without an antiforgery token, and answer 400).
app.UseWhen(c => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method),
    branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
// Routing after the status-code pages, so the re-executed request for /not-found is routed again (with the implicit
// routing at the start of the pipeline it found no endpoint and answered an empty 404).
app.UseRouting();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<SignInThrottleMiddleware>();

app.UseAuthentication();
// After sign-in: the account's (or kiosk's) chosen language comes before the browser's.
app.UseRequestLocalization();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMiddleware<FirstRunMiddleware>();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapAttendanceApi();
app.MapExports();
app.MapTimesheets();
app.MapKioskPairing();
app.MapAttendanceHealth();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapSingleSignOnEndpoints();
// Any address without an endpoint answers 404, whatever the method: a browser's GET is re-executed above as the
// not-found page, a form posted to a removed page gets a bare 404. One fallback for every method, because a
// catch-all for some methods only makes routing answer 405 to the others (a published build answered every unknown
// page with 405 and "Allow: DELETE, PATCH, POST, PUT").
app.MapFallback(() => Results.NotFound()).ExcludeFromDescription();

app.Run();

// The integration tests start this exact host with WebApplicationFactory<Program>.
public partial class Program;

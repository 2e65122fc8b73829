using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Security;

public static class ApiRateLimits
{
    public const string ApiPolicy = "api";

    /// <summary>A fixed window per device (per address for calls without a valid key), answering 429 with Retry-After.</summary>
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecurityLimiters>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(ApiPolicy, http =>
            {
                var device = http.User.FindFirst(ApiKeyAuthenticationHandler.DeviceClaim)?.Value;
                var key = device is null ? "ip:" + AttemptLimiter.AddressKey(http.Connection.RemoteIpAddress) : "device:" + device;
                var permits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ApiPermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, token) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"too many requests from this device; try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} s",
                    extensions: new Dictionary<string, object?> { ["error"] = "too many requests" }).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Testing;

/// <summary>A person the test provider knows. <see cref="EmailVerified"/> null: the provider sends no such claim (as Entra ID).</summary>
public sealed record TestOidcUser(string Subject, string Email, bool? EmailVerified, params string[] Groups);

/// <summary>
/// A small OpenID Connect provider over HTTP on 127.0.0.1, for the tests: discovery, a sign-in form, the
/// authorization code flow with PKCE (S256 only), ID tokens signed RS256 with a key made for the run, JWKS, and a
/// userinfo endpoint that answers 401 once a person is removed. Written from the OpenID Connect Core and Discovery
/// specifications and RFC 7636 rather than taken from a package: the tests need only this much, and every step of
/// it is visible here. Role values go in the "groups" claim (as Keycloak's group mapper sends them).
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "attendance";
    public const string ClientSecret = "test-client-secret";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, TestOidcUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (string User, string Nonce, string Challenge, string RedirectUri)> _codes = new();
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _accessTokens = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new();

    /// <summary>How long an access token is honoured at userinfo (a real provider's minutes, shortened by tests).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many refresh grants were answered with new tokens.</summary>
    public int Refreshes;

    public string Issuer { get; private set; } = "";

    /// <summary>How many times a signed-in person's access token was checked at userinfo (the app's revalidation).</summary>
    public int UserInfoCalls;

    private TestOidcProvider(WebApplication app) => _app = app;

    public void Add(string userName, TestOidcUser user) => _users[userName] = user;

    /// <summary>An access token for <paramref name="userName"/>, as the token endpoint would give one (for tests of what the app does with it).</summary>
    public (string Access, string Refresh, DateTimeOffset Expires) IssueTokens(string userName)
    {
        var access = B64(RandomNumberGenerator.GetBytes(32));
        var refresh = B64(RandomNumberGenerator.GetBytes(32));
        var expires = DateTimeOffset.UtcNow + AccessTokenLifetime;
        _accessTokens[access] = (userName, expires);
        _refreshTokens[refresh] = userName;
        return (access, refresh, expires);
    }

    /// <summary>The person is removed: no further sign-in, and their access tokens are refused at userinfo.</summary>
    public void Remove(string userName) => _users.TryRemove(userName, out _);

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestOidcProvider(app);
        provider.Map(app);
        await app.StartAsync();
        provider.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["userinfo_endpoint"] = Issuer + "/userinfo",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var p = _key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-key", n = B64(p.Modulus!), e = B64(p.Exponent!) } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
            {
                return Results.BadRequest("this provider takes the code flow with PKCE (S256) for its one client");
            }
            var hidden = string.Concat(new[] { "redirect_uri", "state", "nonce", "code_challenge", "response_mode" }
                .Select(k => $"<input type=\"hidden\" name=\"{k}\" value=\"{HtmlEncoder.Default.Encode(q[k].ToString())}\">"));
            return Results.Content($"""
                <!doctype html><html lang="en"><head><title>Test identity provider</title></head><body><main>
                <h1>Test identity provider</h1>
                <form method="post" action="/authorize">{hidden}
                <label for="username">User name</label> <input id="username" name="username" autocomplete="off">
                <button type="submit">Continue</button></form></main></body></html>
                """, "text/html");
        });
        app.MapPost("/authorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var userName = form["username"].ToString();
            if (!_users.ContainsKey(userName))
            {
                return Results.Content("<!doctype html><html lang=\"en\"><head><title>Test identity provider</title></head><body><main><h1>No such account</h1></main></body></html>",
                    "text/html", statusCode: 403);
            }
            var code = B64(RandomNumberGenerator.GetBytes(32));
            var redirect = form["redirect_uri"].ToString();
            _codes[code] = (userName, form["nonce"].ToString(), form["code_challenge"].ToString(), redirect);
            var state = form["state"].ToString();
            if (form["response_mode"] == "form_post")
            {
                var e = HtmlEncoder.Default;
                return Results.Content($"""
                    <!doctype html><html lang="en"><head><title>Signing in</title></head><body onload="document.forms[0].submit()">
                    <form method="post" action="{e.Encode(redirect)}"><input type="hidden" name="code" value="{e.Encode(code)}">
                    <input type="hidden" name="state" value="{e.Encode(state)}"><noscript><button type="submit">Continue</button></noscript></form></body></html>
                    """, "text/html");
            }
            return Results.Redirect($"{redirect}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var (id, secret) = ClientOf(request, form);
            if (id != ClientId || secret != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            if (form["grant_type"] == "refresh_token")
            {
                // A removed person's refresh token is refused, as real providers refuse a disabled user's.
                if (!_refreshTokens.TryRemove(form["refresh_token"].ToString(), out var owner) || !_users.ContainsKey(owner)) return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
                var (newAccess, newRefresh, _) = IssueTokens(owner);
                Interlocked.Increment(ref Refreshes);
                return Results.Json(new { access_token = newAccess, token_type = "Bearer", expires_in = (int)AccessTokenLifetime.TotalSeconds, refresh_token = newRefresh });
            }
            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant)) return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            if (grant.RedirectUri != form["redirect_uri"]) return Results.Json(new { error = "invalid_grant", error_description = "redirect_uri" }, statusCode: 400);
            // RFC 7636: BASE64URL(SHA256(code_verifier)) must equal the code_challenge.
            if (B64(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge) return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
            if (!_users.TryGetValue(grant.User, out var user)) return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var (access, refresh, _) = IssueTokens(grant.User);
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var claims = new Dictionary<string, object>
            {
                ["iss"] = Issuer, ["sub"] = user.Subject, ["aud"] = ClientId, ["iat"] = now, ["exp"] = now + 600, ["auth_time"] = now,
                ["nonce"] = grant.Nonce, ["email"] = user.Email, ["name"] = user.Email, ["groups"] = user.Groups,
            };
            if (user.EmailVerified is { } verified) claims["email_verified"] = verified;
            return Results.Json(new { access_token = access, token_type = "Bearer", expires_in = (int)AccessTokenLifetime.TotalSeconds, refresh_token = refresh, id_token = Sign(claims) });
        });
        app.MapGet("/userinfo", (HttpRequest request) =>
        {
            Interlocked.Increment(ref UserInfoCalls);
            var header = request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header[7..], out var token) || token.Expires < DateTimeOffset.UtcNow
                || !_users.TryGetValue(token.User, out var user))
            {
                return Results.StatusCode(401);
            }
            return Results.Json(new { sub = user.Subject, email = user.Email });
        });
    }

    private static (string? Id, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        return (form["client_id"], form["client_secret"]);
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "test-key" }));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{B64(signature)}";
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}

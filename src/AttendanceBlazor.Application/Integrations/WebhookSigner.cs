using System.Security.Cryptography;
using System.Text;

namespace AttendanceBlazor.Application.Integrations;

/// <summary>
/// Standard Webhooks signatures: "v1," and the base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}" with
/// the secret's bytes (the base64 after "whsec_"); several signatures, separated by spaces, while a rotated-out secret
/// still signs.
/// </summary>
public static class WebhookSigner
{
    public const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>The webhook-signature header: one signature per secret in use.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, messageId, timestamp, body)));
}

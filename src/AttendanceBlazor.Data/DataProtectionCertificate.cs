using System.Security.Cryptography.X509Certificates;

using Microsoft.Extensions.Configuration;

namespace AttendanceBlazor.Data;

/// <summary>
/// The certificate that encrypts the Data Protection keys at rest (DataProtection:CertificatePath, a PKCS #12 file,
/// and DataProtection:CertificatePassword), or none. Without one the keys are plain XML beside the database, and
/// start-up says so.
/// </summary>
public sealed class DataProtectionCertificate
{
    public DataProtectionCertificate(IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath names '{path}', which does not exist.");
        }
        Certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"],
            X509KeyStorageFlags.EphemeralKeySet);
        if (!Certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate in '{path}' has no private key, so it cannot decrypt the keys it protects.");
        }
    }

    public X509Certificate2? Certificate { get; }

    public bool Configured => Certificate is not null;
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Opiskeluhuolto.TestSupport;

/// <summary>
/// A self-signed certificate with its private key as a PFX file (no password), made once per test process: what
/// <c>DataProtection:CertificatePath</c> needs outside Development.
/// </summary>
public static class TestCertificate
{
    private static readonly Lazy<string> File = new(Create);

    /// <summary>The PFX file's path.</summary>
    public static string PfxPath => File.Value;

    /// <summary>The settings that point the service at it.</summary>
    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["DataProtection:CertificatePath"] = PfxPath };

    private static string Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Opiskeluhuolto.Workflows test key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var path = Path.Combine(Path.GetTempPath(), $"wf-test-keyring-{Environment.ProcessId}-{Guid.NewGuid():n}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }
}

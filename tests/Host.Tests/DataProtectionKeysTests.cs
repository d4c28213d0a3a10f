using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>With a certificate configured, the Data Protection keys that sign participants' links are encrypted at rest.</summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task Keys_AreEncryptedWithTheConfiguredCertificate_AndLinksStillWork()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-dp-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=opiskeluhuolto-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var pfx = Path.Combine(folder, "keys.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "salasana"));

        var (sink, app, _) = await ApprovalFlowTests.StartAsync(new Dictionary<string, string>
        {
            ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "salasana",
        });
        await using var __ = sink;
        await using var ___ = app;
        using var browser = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(ApprovalFlowTests.Link(sink.Messages[0], "Approved")).PathAndQuery)).StatusCode);

        var keys = Directory.GetFiles(Path.Combine(app.DataFolder, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            var xml = File.ReadAllText(k);
            Assert.Contains("EncryptedXml", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // the plain key material is not there
        });
        Directory.Delete(folder, recursive: true);
    }
}

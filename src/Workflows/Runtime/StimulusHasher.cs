using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Deterministic stimulus hashing: SHA-256 over <c>name|payload</c>, upper-case hex (Elsa's scheme).</summary>
public static class StimulusHasher
{
    /// <summary>Hashes a stimulus. The payload's member order is significant and must be PascalCase as declared.</summary>
    public static string Hash(string name, JsonObject? payload, string? activityInstanceId = null)
    {
        var parts = new[] { name, payload?.ToJsonString(), activityInstanceId }.Where(p => !string.IsNullOrEmpty(p));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));
        return Convert.ToHexString(bytes);
    }
}

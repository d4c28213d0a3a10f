using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Passwords of the local accounts (<c>Auth:AdminPassword</c>, <c>Auth:Coordinators:N:Password</c>): either a hash made
/// with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2; <c>dotnet Opiskeluhuolto.Host.dll hash-password</c>
/// prints one) or, on a developer's machine, the password itself.
/// </summary>
public static class LocalPasswords
{
    private static readonly PasswordHasher<string> Hasher = new();

    // Checked when no account matches, so a wrong user name costs as long as a wrong password.
    private static readonly string Decoy = Hasher.HashPassword("", "decoy password that no account has");

    /// <summary>Whether <paramref name="configured"/> is a hash rather than a password.</summary>
    public static bool IsHash(string? configured)
    {
        if (configured is not { Length: >= 60 } || !configured.StartsWith("AQAAAA", StringComparison.Ordinal)) return false;
        Span<byte> bytes = stackalloc byte[configured.Length];
        return Convert.TryFromBase64String(configured, bytes, out var written) && written > 13 && bytes[0] == 0x01;
    }

    /// <summary>A hash of <paramref name="password"/> for the configuration.</summary>
    public static string Hash(string password) => Hasher.HashPassword("", password);

    /// <summary>Whether <paramref name="given"/> is the password <paramref name="configured"/> stands for.</summary>
    public static bool Matches(string? given, string? configured)
    {
        if (string.IsNullOrEmpty(configured)) return false;
        if (IsHash(configured)) return Hasher.VerifyHashedPassword("", configured, given ?? "") != PasswordVerificationResult.Failed;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(configured));
    }

    /// <summary>Spends the time of one hashed check (when no account's user name matched).</summary>
    public static void CheckDecoy(string? given) => Hasher.VerifyHashedPassword("", Decoy, given ?? "");

    /// <summary>The <c>hash-password</c> command: reads a password from standard input, prints its hash.</summary>
    public static int HashCommand(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password)) return 1;
        output.WriteLine(Hash(password));
        return 0;
    }
}

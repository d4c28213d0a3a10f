using MimeKit;

namespace Opiskeluhuolto.TestSupport;

/// <summary>Finding a participant mail by its subject, "Kind: when – matter" (e.g. "Uusi tehtävä: määräaika pe 19.3.2027 – Nimeä jäsenet").</summary>
public static class MailSubjects
{
    /// <summary>Whether <paramref name="message"/> is of <paramref name="kind"/> (the subject's start) about a matter starting with <paramref name="matter"/>.</summary>
    public static bool IsAbout(this MimeMessage message, string kind, string matter)
    {
        ArgumentNullException.ThrowIfNull(message);
        var subject = message.Subject ?? "";
        return subject.StartsWith(kind, StringComparison.Ordinal) && subject.Contains(" – " + matter, StringComparison.Ordinal);
    }
}

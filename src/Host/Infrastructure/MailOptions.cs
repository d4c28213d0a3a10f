using System.ComponentModel.DataAnnotations;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Mail settings (<c>Mail:*</c>).</summary>
public sealed class MailOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Mail";

    /// <summary>Default sender when a workflow gives none.</summary>
    [Required]
    [EmailAddress]
    public string From { get; set; } = "opiskeluhuolto@localhost.localdomain";

    /// <summary>The signing coordinator's name; without it mails are signed with the role (Opiskeluhuollon koordinaattori / Elevhälsans koordinator).</summary>
    public string? SignatureName { get; set; }

    /// <summary>The coordinator's title in Finnish (e.g. opiskeluhuollon palvelujohtaja).</summary>
    public string? SignatureTitle { get; set; }

    /// <summary>The title in Swedish; the Finnish one when absent.</summary>
    public string? SignatureTitleSv { get; set; }

    /// <summary>The title in English; the Finnish one when absent.</summary>
    public string? SignatureTitleEn { get; set; }

    /// <summary>The sending organisation in Finnish (e.g. Keski-Suomen hyvinvointialue), above the name.</summary>
    public string? SignatureOrganisation { get; set; }

    /// <summary>Its Swedish name (e.g. Mellersta Finlands välfärdsområde); the Finnish one when absent.</summary>
    public string? SignatureOrganisationSv { get; set; }

    /// <summary>Its English name; the Finnish one when absent.</summary>
    public string? SignatureOrganisationEn { get; set; }

    /// <summary>Pickup folder of the embedded default sender; default <c>App_Data/mail-pickup</c>.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>The signature's values for a mail in <paramref name="lang"/>, as template model entries; <paramref name="name"/> overrides the configured name.</summary>
    public Dictionary<string, object?> Signature(string lang, string? name = null) => new()
    {
        ["senderOrganisation"] = In(lang, SignatureOrganisation, SignatureOrganisationSv, SignatureOrganisationEn),
        ["coordinatorName"] = string.IsNullOrWhiteSpace(name) ? (string.IsNullOrWhiteSpace(SignatureName) ? null : SignatureName) : name,
        ["coordinatorTitle"] = In(lang, SignatureTitle, SignatureTitleSv, SignatureTitleEn),
    };

    private static string? In(string lang, string? fi, string? sv, string? en) => lang switch
    {
        "sv" when !string.IsNullOrWhiteSpace(sv) => sv,
        "en" when !string.IsNullOrWhiteSpace(en) => en,
        _ => string.IsNullOrWhiteSpace(fi) ? null : fi,
    };
}

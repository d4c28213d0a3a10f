namespace Opiskeluhuolto.Host.Public;

/// <summary>The accessibility statement's contact (<c>Accessibility:*</c>), which the Act on the Provision of Digital Services requires.</summary>
public sealed class AccessibilityOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Accessibility";

    /// <summary>The organisation responsible for the service, in Finnish (e.g. Keski-Suomen hyvinvointialue).</summary>
    public string? Organisation { get; set; }

    /// <summary>Its Swedish name (e.g. Mellersta Finlands välfärdsområde); the Finnish one when absent.</summary>
    public string? OrganisationSv { get; set; }

    /// <summary>Its English name; the Finnish one when absent.</summary>
    public string? OrganisationEn { get; set; }

    /// <summary>Where accessibility feedback goes; <c>Mail:From</c> when absent.</summary>
    public string? FeedbackEmail { get; set; }

    /// <summary>The organisation's name in <paramref name="lang"/>, or null when none is configured.</summary>
    public string? OrganisationIn(string lang) => lang switch
    {
        "sv" when !string.IsNullOrWhiteSpace(OrganisationSv) => OrganisationSv,
        "en" when !string.IsNullOrWhiteSpace(OrganisationEn) => OrganisationEn,
        _ => string.IsNullOrWhiteSpace(Organisation) ? null : Organisation,
    };
}

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

    /// <summary>Signature name under participant mails (the coordinator).</summary>
    public string SignatureName { get; set; } = "Opiskeluhuollon koordinaattori";

    /// <summary>Signature title.</summary>
    public string SignatureTitle { get; set; } = "";

    /// <summary>Pickup folder of the embedded default sender; default <c>App_Data/mail-pickup</c>.</summary>
    public string? PickupDirectory { get; set; }
}

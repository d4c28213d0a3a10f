namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>A person asked to decide.</summary>
public sealed class ApprovalPerson
{
    /// <summary>Work e-mail.</summary>
    public string Email { get; set; } = "";

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>fi, sv or en.</summary>
    public string Language { get; set; } = "fi";

    /// <summary>The organisation the person answers for (shown in statement requests and escalations).</summary>
    public string? Organisation { get; set; }

    /// <summary>Who hears when this person stays silent, where the request asks for it (the organisation's member in the cooperation group).</summary>
    public string? EscalateTo { get; set; }
}

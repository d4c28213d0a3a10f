namespace Opiskeluhuolto.Planning.People;

/// <summary>A role held by a person, with the person's deputy for that role if any.</summary>
public sealed class DirectoryRole
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>Role key, e.g. <c>cooperationGroupMember</c>, <c>chair</c>, <c>steeringGroup:education-director</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>The person.</summary>
    public string PersonId { get; set; } = "";

    /// <summary>The deputy (varajäsen), if any.</summary>
    public string? DeputyPersonId { get; set; }

    /// <summary>What the role is in words (e.g. the seat's description).</summary>
    public string? Description { get; set; }

    /// <summary>The import it came from.</summary>
    public string Source { get; set; } = "";
}

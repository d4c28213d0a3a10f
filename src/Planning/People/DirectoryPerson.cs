namespace Opiskeluhuolto.Planning.People;

/// <summary>A person in the region's directory (organisation people, group members and deputies).</summary>
public sealed class DirectoryPerson
{
    /// <summary>Stable id, e.g. <c>p-ks-01</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>E-mail address.</summary>
    public string Email { get; set; } = "";

    /// <summary>Full name.</summary>
    public string? Name { get; set; }

    /// <summary>Language of the person's mail: fi, sv or en.</summary>
    public string Language { get; set; } = "fi";

    /// <summary>Title (e.g. <c>opetustoimenjohtaja</c>).</summary>
    public string? Title { get; set; }

    /// <summary>Organisation name.</summary>
    public string? Organisation { get; set; }

    /// <summary>The import it came from (the dataset id); a new import of the same source replaces it.</summary>
    public string Source { get; set; } = "";
}

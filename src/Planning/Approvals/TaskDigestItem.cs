namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>An open request in a digest: its title in the reader's language, its kind and its deadline.</summary>
public sealed record TaskDigestItem(string Title, string Kind, DateTimeOffset DueAt);

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>What a personal task-inbox link carries: whose inbox, in which language, until when.</summary>
public sealed record InboxLink(string Email, string Language, DateTimeOffset ExpiresAt);

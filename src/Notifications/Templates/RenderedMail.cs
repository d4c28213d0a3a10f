namespace Opiskeluhuolto.Notifications.Templates;

/// <summary>A rendered mail: a plain-text subject and an HTML body (the plain-text alternative is derived when sending).</summary>
public sealed record RenderedMail(string Subject, string Body);

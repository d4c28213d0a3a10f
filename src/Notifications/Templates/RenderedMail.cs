namespace Opiskeluhuolto.Notifications.Templates;

/// <summary>A rendered mail: a plain-text subject, an HTML body and its plain-text twin (with every link written out).</summary>
public sealed record RenderedMail(string Subject, string Body, string Text);

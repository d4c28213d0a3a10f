namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>An e-mail attachment carried in the outbox.</summary>
/// <param name="FileName">File name.</param>
/// <param name="ContentType">MIME type, e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>.</param>
/// <param name="Content">Text content, or base64 when <paramref name="IsBase64"/>.</param>
/// <param name="IsBase64">Whether <paramref name="Content"/> is base64.</param>
public sealed record EmailAttachment(string FileName, string ContentType, string Content, bool IsBase64 = false);

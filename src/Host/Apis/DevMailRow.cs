namespace Opiskeluhuolto.Host.Apis;

/// <summary>A message in the dev inbox's list.</summary>
/// <param name="File">The .eml file's name.</param>
/// <param name="When">When it was sent (local, in words).</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject.</param>
public sealed record DevMailRow(string File, string When, string To, string? Subject);

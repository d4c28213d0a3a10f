namespace Opiskeluhuolto.Host.Apis;

/// <summary>A HATEOAS link (Studio decides editability by <c>rel: "publish"</c>).</summary>
public sealed record Link(string Href, string Rel, string Method);

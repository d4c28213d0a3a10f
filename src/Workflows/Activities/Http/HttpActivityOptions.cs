namespace Opiskeluhuolto.Workflows.Activities.Http;

/// <summary>
/// Where workflow HTTP activities may go (<c>HttpActivities:*</c>). A workflow is edited by admins in a browser, so its
/// requests are kept away from what only the server can reach: loopback, link-local (cloud metadata at
/// 169.254.169.254) and other special addresses are always refused, private networks only for hosts named in
/// <see cref="AllowedHosts"/>; redirects are not followed; responses are capped.
/// </summary>
public sealed class HttpActivityOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "HttpActivities";

    /// <summary>
    /// Host names the activities may call (<c>asianhallinta.hyvinvointialue.fi</c>, or <c>*.hyvinvointialue.fi</c> for
    /// its subdomains). Empty: any host on a public address. A listed host may also be on a private network.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Largest response body read into the workflow (default 1 MB); a larger one faults the activity.</summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Time allowed for one request (default 30 s); then the activity completes with <c>Timeout</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest request body an <c>HTTP Endpoint</c> accepts (default 1 MB; an endpoint may set less); more gets 413.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per minute one client address may make to <c>/workflows/</c> (default 60); more get 429.</summary>
    public int EndpointRequestsPerMinute { get; set; } = 60;

    /// <summary>Whether <paramref name="host"/> is named in <see cref="AllowedHosts"/>.</summary>
    public bool Lists(string host) => AllowedHosts.Any(pattern =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a request to <paramref name="host"/> may be sent at all (before its addresses are checked).</summary>
    public bool Permits(string host) => AllowedHosts.Count == 0 || Lists(host);
}

namespace Opiskeluhuolto.Host;

/// <summary>The container health check's client (<c>dotnet Opiskeluhuolto.Host.dll probe http://127.0.0.1:8080/health/ready</c>).</summary>
public static class HealthProbe
{
    /// <summary>0 when <paramref name="url"/> answers 200 within five seconds, otherwise 1.</summary>
    public static async Task<int> RunAsync(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address)) return 1;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(address);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}

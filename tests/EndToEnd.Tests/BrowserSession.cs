using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Opiskeluhuolto.EndToEnd.Tests;

/// <summary>A <see cref="TestApp"/> served on a real port and the system Chromium to open it with.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private BrowserSession(TestApp app, IPlaywright playwright, IBrowser browser, string baseAddress)
    {
        App = app;
        Playwright = playwright;
        Browser = browser;
        BaseAddress = baseAddress;
    }

    public TestApp App { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>The server's address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseAddress { get; }

    /// <summary>Serves <paramref name="app"/> on a free port and launches the browser.</summary>
    public static async Task<BrowserSession> StartAsync(TestApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        return new BrowserSession(app, playwright, await Chromium.LaunchAsync(playwright), address);
    }

    /// <summary>A page sized like a phone, in <paramref name="locale"/>.</summary>
    public Task<IPage> PhoneAsync(string locale) => Browser.NewPageAsync(new BrowserNewPageOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = locale,
    });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}

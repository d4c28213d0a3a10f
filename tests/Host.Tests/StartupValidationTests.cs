namespace Opiskeluhuolto.Host.Tests;

/// <summary>A typo in a setting stops the start with a message naming the key, instead of retries and dead letters later.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Smtp:Security", "StartTsl")]
    [InlineData("Smtp:Port", "0")]
    [InlineData("Smtp:MaxConnections", "0")]
    [InlineData("Smtp:MaxConnections", "65")]
    [InlineData("Calendar:TimeZone", "Europe/Helsinky")]
    [InlineData("Calendar:ReminderHour", "25")]
    [InlineData("Scripts:Timeout", "00:00:00")]
    [InlineData("Cluster:NodeTimeout", "00:00:05")]
    [InlineData("Timers:Backend", "Quarz")]
    [InlineData("Auth:AdminUser", "koordinaattori")]
    [InlineData("Auth:Coordinators:0:User", "anna")]
    public async Task ATypoInASetting_StopsTheStartNamingTheKey(string key, string value)
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(key, Messages(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:AdminApiKey", "short")]
    [InlineData("Auth:AdminPassword", "salasana1")]
    [InlineData("Auth:Coordinators:0:Password", "kierros")]
    public async Task OutsideDevelopment_AShortKeyOrPassword_StopsTheStartNamingTheKey(string key, string value)
    {
        var settings = new Dictionary<string, string> { [key] = value, ["Auth:AdminUser"] = "admin", ["Auth:AdminPassword"] = "a long passphrase for tests", ["Auth:Coordinators:0:User"] = "anna", ["Auth:Coordinators:0:Password"] = "another long passphrase" };
        settings[key] = value;
        await using var app = new TestApp(settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(key, Messages(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DataProtection:CertificatePath")]
    [InlineData("Server:BaseUrl")]
    [InlineData("Smtp:Host")]
    [InlineData("Auth:AdminApiKey")]
    public async Task InProduction_AMissingDeploymentSetting_StopsTheStartNamingTheKey(string key)
    {
        var settings = new Dictionary<string, string> { [key] = "" };
        if (key == "Smtp:Host") settings["Mail:PickupDirectory"] = ""; // the test app otherwise chooses a pickup folder on purpose
        await using var app = new TestApp(settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(key, Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProduction_TheCompleteSettings_Start()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["Smtp:Host"] = "smtp.hyvinvointialue.example", ["Mail:PickupDirectory"] = "" });
        using var client = app.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static string Messages(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Messages))
            : error.Message + (error.InnerException is { } inner ? " | " + Messages(inner) : "");
}

using Microsoft.AspNetCore.Antiforgery;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication;
using Opiskeluhuolto.Host.Apis;
using Opiskeluhuolto.Host.Coordinator;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Host.Public;
using Opiskeluhuolto.Host.Scheduling;
using Opiskeluhuolto.Host.Startup;
using Opiskeluhuolto.Host.Studio;
using Microsoft.AspNetCore.Authentication.Cookies;
using Opiskeluhuolto.Notifications.Smtp;
using Opiskeluhuolto.Planning;
using Opiskeluhuolto.Workflows;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host;

/// <summary>The composition root.</summary>
public static class Extensions
{
    /// <summary>Registers everything the service needs.</summary>
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        DeploymentSettings.Check(configuration, builder.Environment);
        var dataFolder = Path.GetFullPath(configuration["DataFolder"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data"));
        services.AddSingleton(new DataFolder(dataFolder));

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<WorkflowsJsonOptions>().BindConfiguration(WorkflowsJsonOptions.SectionName);
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScriptOptions>().BindConfiguration(ScriptOptions.SectionName);
        services.AddOptions<Opiskeluhuolto.Workflows.Activities.Http.HttpActivityOptions>().BindConfiguration(Opiskeluhuolto.Workflows.Activities.Http.HttpActivityOptions.SectionName);
        services.AddOptions<Opiskeluhuolto.Planning.Calendar.CalendarOptions>().BindConfiguration(Opiskeluhuolto.Planning.Calendar.CalendarOptions.SectionName);

        var storage = DatabaseOptions.Storage(configuration, dataFolder);
        services.AddWorkflowEngine(storage);
        services.AddPlanning();
        services.AddWorkflowBackgroundWorkers();
        services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.SectionName);
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName);
        var timers = configuration["Timers:Backend"];
        if (timers is { Length: > 0 } && !string.Equals(timers, "Quartz", StringComparison.OrdinalIgnoreCase) && !string.Equals(timers, "InProcess", StringComparison.OrdinalIgnoreCase))
            throw new Microsoft.Extensions.Options.OptionsValidationException("Timers", typeof(TimerOptions), [$"Timers:Backend '{timers}' is neither Quartz nor InProcess."]);
        if (!string.Equals(timers, "InProcess", StringComparison.OrdinalIgnoreCase)) services.AddQuartzTimers(storage);

        var mail = configuration.GetSection(MailOptions.SectionName).Get<MailOptions>() ?? new MailOptions();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        // One outbox lane per relay connection: each lane sends its claims one after the other on its connection.
        services.AddOptions<WorkflowEngineOptions>().Configure<Microsoft.Extensions.Options.IOptions<SmtpOptions>>((engine, smtp) => engine.OutboxLanes = smtp.Value.MaxConnections);
        var pickupFolder = Path.GetFullPath(mail.PickupDirectory ?? Path.Combine(dataFolder, "mail-pickup"), builder.Environment.ContentRootPath);
        services.AddSingleton(sp => new PickupFolderEmailSender(pickupFolder, mail.From, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmtpOptions>>().Value is var smtp && !string.IsNullOrWhiteSpace(smtp.Host)
            ? new SmtpEmailSender(smtp, mail.From, sp.GetRequiredService<ILogger<SmtpEmailSender>>(), sp.GetRequiredService<TimeProvider>())
            : sp.GetRequiredService<PickupFolderEmailSender>());

        services.AddServiceTelemetry(configuration);
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        var authentication = services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, StudioBearerHandler>(StudioBearerHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/studio/login";
                o.AccessDeniedPath = "/studio/login"; // signed in without the role: sign in with another account
                o.Cookie.Name = "opiskeluhuolto-admin";
                o.Cookie.HttpOnly = true;
                // Strict, unless a provider signs people in: its answer arrives from another site, and the first page after
                // it must carry the cookie (forms carry antiforgery tokens and APIs take only JSON either way).
                o.Cookie.SameSite = configuration.GetSection("Auth:Oidc").Get<OidcOptions>()?.Enabled == true ? SameSiteMode.Lax : SameSiteMode.Strict;
                // Behind a TLS-terminating proxy that forwards no scheme the service sees http: the public address decides.
                o.Cookie.SecurePolicy = configuration["Server:BaseUrl"] is { } baseUrl && baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !configuration.GetValue<bool>("Server:ForwardedHeaders")
                    ? CookieSecurePolicy.Always
                    : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = SignInSessions.Lifetime;
                o.SlidingExpiration = false;
                // A cookie whose session was signed out (here or on another node) no longer signs anybody in.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
                    if (!await sessions.IsAliveAsync(context.Principal?.FindFirst(SignInSessions.ClaimType)?.Value, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
                // APIs answer 401/403; only pages are sent to the sign-in page.
                o.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
                static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
                {
                    if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/elsa") || context.Request.Path.StartsWithSegments("/openapi")) context.Response.StatusCode = status;
                    else context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                }
            });

        // The pages' sign-in with the organisation's provider (Auth:Oidc:*), beside local accounts.
        authentication.AddOidcIfConfigured(configuration);
        // OIDC / JWT bearer (Auth:Jwt:*) for admins and coordinators signed in elsewhere.
        var apiSchemes = authentication.AddJwtIfConfigured(configuration)
            ? new[] { ApiKeyAuthenticationHandler.SchemeName, StudioBearerHandler.SchemeName, JwtAuthentication.SchemeName }
            : [ApiKeyAuthenticationHandler.SchemeName, StudioBearerHandler.SchemeName];
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AdminRequirementHandler>();
        services.AddHostedService<DevelopmentAccess.Guard>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CoordinatorRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRequirementHandler.PolicyName, p => p.AddAuthenticationSchemes(apiSchemes).AddRequirements(new AdminRequirement()))
            .AddPolicy(StudioPages.PolicyName, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).AddRequirements(new AdminRequirement()))
            .AddPolicy(CoordinatorRequirementHandler.PolicyName, p => p.AddAuthenticationSchemes([.. apiSchemes, CookieAuthenticationDefaults.AuthenticationScheme]).AddRequirements(new CoordinatorRequirement()))
            .AddPolicy(CoordinatorRequirementHandler.PagesPolicyName, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).AddRequirements(new CoordinatorRequirement()));
        services.AddSingleton<StudioTokens>();
        services.AddSingleton<SignInSessions>();
        services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.SectionName);
        var dataProtection = services.AddDataProtection().SetApplicationName("Opiskeluhuolto.Workflows");
        // One machine keeps its keys in the data folder; nodes sharing PostgreSQL share them through the database, so a
        // link signed on one node opens on another.
        if (storage.IsShared) services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, DatabaseKeyRepository.Setup>();
        else dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        // Keys encrypted at rest with an X.509 certificate (PFX) when one is configured: a copied keys/ folder alone cannot sign links.
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                Path.GetFullPath(certificatePath, builder.Environment.ContentRootPath), configuration["DataProtection:CertificatePassword"]);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException("DataProtection:CertificatePath must name a certificate with its private key (PFX).");
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        services.AddAntiforgery();
        // Pages are Razor components rendered on the server (no interactivity, no script): Razor encodes every value.
        services.AddRazorComponents();
        services.AddRequestLanguages();
        services.AddSingleton<PageTexts>();
        services.Configure<AccessibilityOptions>(configuration.GetSection(AccessibilityOptions.SectionName));
        // Finnish and Swedish letters are written as they are, not as character references (markup characters still are).
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Participants behind one proxy share an address: operators can raise the per-address limit.
            var linksPerMinute = Math.Max(1, configuration.GetValue("RateLimits:LinksPerMinute", 30));
            o.AddPolicy("links", http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = linksPerMinute, Window = TimeSpan.FromMinutes(1) }));
            var endpointRequests = Math.Max(1, configuration.GetValue($"{Opiskeluhuolto.Workflows.Activities.Http.HttpActivityOptions.SectionName}:EndpointRequestsPerMinute", 60));
            o.AddPolicy(Apis.WorkflowHttpEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = endpointRequests, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy("logins", http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 8 * 1024 * 1024);

        services.AddSingleton<FailedAttempts>();
        services.AddSingleton<LinkTokens>();
        services.AddOptions<Opiskeluhuolto.Host.Approvals.ApprovalOptions>().BindConfiguration(Opiskeluhuolto.Host.Approvals.ApprovalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Opiskeluhuolto.Host.Approvals.ApprovalLinks>();
        // The mail handlers also render the coordinator's previews (the same templates, links that lead nowhere).
        services.AddSingleton<Opiskeluhuolto.Host.Approvals.ApprovalMailHandler>();
        services.AddSingleton<IWorkflowEffectHandler>(sp => sp.GetRequiredService<Opiskeluhuolto.Host.Approvals.ApprovalMailHandler>());
        services.AddSingleton<Opiskeluhuolto.Host.Meetings.MeetingMailHandler>();
        services.AddSingleton<IWorkflowEffectHandler>(sp => sp.GetRequiredService<Opiskeluhuolto.Host.Meetings.MeetingMailHandler>());
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<IScriptFunctions, EventLinkScriptFunctions>();
        services.AddSingleton<IScriptFunctions, Opiskeluhuolto.Notifications.Calendar.InvitationScriptFunctions>();
        services.AddSingleton(sp => new Opiskeluhuolto.Notifications.Templates.MailTemplates(sp.GetRequiredService<Opiskeluhuolto.Planning.Calendar.FinnishBusinessCalendar>().TimeZone));
        services.AddSingleton<IScriptFunctions, Opiskeluhuolto.Notifications.Templates.MailTemplateScriptFunctions>();
        services.AddSingleton<WorkflowsJsonLoader>();
        services.AddOpenApi();
        services.AddWorkflowHealthChecks();
    }

    /// <summary>Creates or migrates the database and imports <c>workflows-json/</c>.</summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var auth = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value;
        if (!app.Environment.IsDevelopment())
        {
            foreach (var (key, password) in new[] { ("Auth:AdminPassword", auth.AdminPassword) }.Concat(auth.Coordinators.Select((c, i) => ($"Auth:Coordinators:{i}:Password", c.Password))))
            {
                if (!string.IsNullOrEmpty(password) && !LocalPasswords.IsHash(password))
                    app.Logger.LogWarning("{Key} is written in plain text; put its hash there instead (dotnet Opiskeluhuolto.Host.dll hash-password)", key);
            }
        }

        var database = app.Services.GetRequiredService<WorkflowDatabase>();
        // Nodes starting at once on a shared database take turns: one migrates and imports, the next finds it done.
        // The expression languages' parsers load and compile on the other core while the database is migrated.
        var warmUp = Task.Run(app.Services.GetRequiredService<Opiskeluhuolto.Workflows.Expressions.ExpressionEvaluator>().WarmUp);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var steps = new List<string>();
        void Step(string name)
        {
            steps.Add(FormattableString.Invariant($"{name} {clock.ElapsedMilliseconds} ms"));
            clock.Restart();
        }

        await database.RunExclusiveAsync(async cancellationToken =>
        {
            await database.MigrateAsync(cancellationToken);
            Step("database");
            // The key ring is created here, by one node at a time: nodes starting together share the first key.
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Opiskeluhuolto.Startup").Protect("ready"u8.ToArray());
            Step("key ring");
            await app.Services.GetRequiredService<WorkflowDefinitionService>().RefreshActivityTypesAsync();
            Step("activity types");
            await warmUp;
            await app.Services.GetRequiredService<WorkflowsJsonLoader>().LoadAsync();
            Step("workflows-json");
            if (app.Services.GetService<QuartzTimerWakeUps>() is { } quartz) await quartz.ReconcileAsync(cancellationToken);
            Step("timers");
            if (app.Configuration.GetValue<bool>("Demo:Load"))
            {
                var imported = await app.Services.GetRequiredService<Opiskeluhuolto.Planning.People.DirectoryImporter>().ImportFolderAsync(Path.Combine(AppContext.BaseDirectory, "DemoData"), cancellationToken);
                app.Logger.LogInformation("Demo people directory loaded: {Datasets}", string.Join(", ", imported));
            }
        });
        app.Logger.LogInformation("Initialised: {Steps}", string.Join(", ", steps));
    }

    /// <summary>Maps middleware and endpoints.</summary>
    public static void MapApplication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
        if (server.ForwardedHeaders)
        {
            // Only the configured proxies are believed, and only for the client's address and scheme: a client cannot choose
            // its own address (rate limits are per address) nor the host name the pages print.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var network in server.ProxyNetworks()) forwarded.KnownIPNetworks.Add(network);
            app.UseForwardedHeaders(forwarded);
        }

        if (server.PathBase is { Length: > 1 } pathBase) app.UsePathBase(pathBase);
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // HSTS is only sent over HTTPS; the redirect happens only where an HTTPS port is known (ASPNETCORE_HTTPS_PORT or an https endpoint).
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        // wwwroot: the pages' one stylesheet; revalidated (ETag) so a deployment's change shows at once.
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache" });
        app.UseStudioFiles();
        app.UseRateLimiter();
        // Wrong API keys and tokens (a 401 to a request that carried credentials) are counted per address; an address with
        // too many is refused before its next credential is checked.
        app.Use(async (http, next) =>
        {
            if (http.Request.Headers.Authorization.Count == 0)
            {
                await next(http);
                return;
            }

            var failures = http.RequestServices.GetRequiredService<FailedAttempts>();
            if (failures.BlockedFor(FailedAttempts.Address(http)) is { } wait)
            {
                await FailedAttempts.TooMany(wait, http).ExecuteAsync(http);
                return;
            }

            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized) failures.Record(FailedAttempts.Address(http), FailedAttempts.AddressWindow);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // A form whose antiforgery token failed is answered 400 here: the build-time request delegates would throw on
        // reading it (a 500) where the runtime-compiled ones answered 400.
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                await Results.Problem("The form has expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid form").ExecuteAsync(http);
            else
                await next(http);
        });

        app.MapWorkflowHttpEndpoints();
        var api = app.MapGroup("/elsa/api").RequireAuthorization(AdminRequirementHandler.PolicyName);
        api.MapWorkflowDefinitionsApi();
        api.MapWorkflowInstancesApi();
        api.MapActivityExecutionsApi();
        api.MapDescriptorsApi();
        api.MapEventsApi();
        api.MapScriptingApi();
        api.MapActivityTestsApi();
        api.MapAlterationsApi();
        app.MapGroup("/api").RequireAuthorization(AdminRequirementHandler.PolicyName).MapOutboxApi().MapAuditApi().MapBackupApi().MapPeopleApi();
        app.MapGroup("/api").RequireAuthorization(CoordinatorRequirementHandler.PolicyName).MapDirectoryApi().MapCyclesApi();
        app.MapPublicPages();
        app.MapCoordinatorPages();
        app.MapCycleFeedPages();
        app.MapPublicLinksApi();
        app.MapStudioPages();
        app.MapDevMail();
        Opiskeluhuolto.Host.Approvals.ApprovalPages.MapApprovalPages(app);
        Opiskeluhuolto.Host.Meetings.MeetingResponsePages.MapMeetingResponsePages(app);
        app.MapServiceTelemetry();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(CoordinatorRequirementHandler.PolicyName);
        // A browsable reference of the same document (its JSON still needs a signed-in coordinator or admin).
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api-docs";
            o.SwaggerEndpoint($"{app.Configuration["Server:PathBase"]?.TrimEnd('/')}/openapi/v1.json", "Opiskeluhuolto.Workflows");
            o.DocumentTitle = "Opiskeluhuolto.Workflows API";
        });
        app.MapWorkflowHealthChecks();
    }
}

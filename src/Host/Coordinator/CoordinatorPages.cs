using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Host.Apis;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>
/// The coordinator's workspace: server-rendered pages in Finnish, Swedish and English over the same services as
/// <c>/api/cycles</c> — the region's people (import), starting a cycle with a preview of every mail and deadline,
/// each cycle's dashboard with reminders and deadline changes, and the cycle's status as CSV or a printable page.
/// </summary>
public static partial class CoordinatorPages
{
    /// <summary>Maps the pages under <c>/coordinator</c>.</summary>
    public static void MapCoordinatorPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = app.MapGroup("/coordinator").RequireAuthorization(CoordinatorRequirementHandler.PagesPolicyName).ExcludeFromDescription();
        pages.MapGet("", HomeAsync);
        pages.MapGet("/import", (HttpContext http, IAntiforgery af) => ImportPage(http, af, null, null));
        pages.MapPost("/import", ImportAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(8 * 1024 * 1024));
        pages.MapPost("/demo", DemoAsync);
        pages.MapGet("/cycles/new", NewCycleAsync);
        pages.MapPost("/cycles/new", StartOrPreviewAsync);
        pages.MapGet("/cycles/{id}", DashboardAsync);
        pages.MapGet("/cycles/{id}/export.csv", ExportAsync);
        pages.MapPost("/cycles/{id}/remind", RemindAsync);
        pages.MapPost("/cycles/{id}/extend", ExtendAsync);
        pages.MapPost("/cycles/{id}/cancel", CancelAsync);
        pages.MapPost("/cycles/{id}/participants", ParticipantAsync);
        pages.MapPost("/steering/start", StartSteeringGroupAsync);
    }

    private static string Enc(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string Lang(HttpContext http)
    {
        var q = http.Request.Query["lang"].ToString();
        if (q is "fi" or "sv" or "en")
        {
            http.Response.Cookies.Append("oh-lang", q, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return q;
        }

        var c = http.Request.Cookies["oh-lang"];
        if (c is "fi" or "sv" or "en") return c;
        return Approvals.ApprovalPages.LanguageOf(http);
    }

    private static string T(string lang, string key) => Texts.Get(lang, key);

    private static string Date(DateTimeOffset at, FinnishBusinessCalendar calendar) => TimeZoneInfo.ConvertTime(at, calendar.TimeZone).ToString("d.M.yyyy", CultureInfo.InvariantCulture);

    private static string DateTime(DateTimeOffset at, FinnishBusinessCalendar calendar, string lang)
    {
        var local = TimeZoneInfo.ConvertTime(at, calendar.TimeZone);
        return $"{local.ToString("d.M.yyyy", CultureInfo.InvariantCulture)} {(lang == "en" ? "at " : lang == "sv" ? "kl. " : "klo ")}{local.ToString("H.mm", CultureInfo.InvariantCulture)}";
    }

    private static IResult Page(HttpContext http, string lang, string title, string body, int status = StatusCodes.Status200OK, string? current = null)
    {
        var b = http.Request.PathBase.Value ?? "";
        string Nav(string href, string key) => $"""<li><a href="{b}{href}"{(current == key ? " aria-current=\"page\"" : "")}>{Enc(T(lang, key))}</a></li>""";
        var switcher = string.Join(" ", new[] { ("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English") }.Where(l => l.Item1 != lang)
            .Select(l => $"""<a href="?lang={l.Item1}" lang="{l.Item1}">{l.Item2}</a>"""));
        var html = $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Enc(title)} – {Enc(T(lang, "product"))}</title><style>{Css}</style></head>
            <body>
            <a class="skip" href="#main">{Enc(T(lang, "skip"))}</a>
            <header><p class="product">{Enc(T(lang, "product"))}</p>
            <nav aria-label="{Enc(T(lang, "navigation"))}"><ul>{Nav("/coordinator", "cycles")}{Nav("/coordinator/import", "import")}{Nav("/coordinator/cycles/new", "start")}</ul></nav>
            <p class="langs">{switcher}</p>
            {(http.User.Identity?.IsAuthenticated == true ? $"<form method=\"post\" action=\"{b}/studio/logout\" class=\"signout\"><button type=\"submit\">{Enc(T(lang, "signOut"))}</button></form>" : "")}</header>
            <main id="main">{body}</main>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>
    /// Reads a posted form after checking its antiforgery token (endpoints that read the form themselves are not
    /// covered by the antiforgery middleware); null with the answer to send when the post is not a valid form.
    /// </summary>
    private static async Task<(IFormCollection? Form, IResult? Problem)> FormAsync(HttpContext http, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
            return (null, Results.Problem("Send the page's form (application/x-www-form-urlencoded or multipart/form-data).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a form"));
        var form = await http.Request.ReadFormAsync(cancellationToken);
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return (null, Results.Problem("The form has expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid form"));
        }

        return (form, null);
    }

    private static string Hidden(IAntiforgery antiforgery, HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{Enc(tokens.FormFieldName)}" value="{Enc(tokens.RequestToken)}">""";
    }

    private static async Task<IResult> HomeAsync(HttpContext http, PeopleDirectory directory, IDbContextFactory<WorkflowsDbContext> contexts, IAntiforgery antiforgery, IHostEnvironment environment, IConfiguration configuration, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cycles = await db.WorkflowInstances.AsNoTracking().Where(i => CyclesApi.DashboardDefinitionIds.Contains(i.DefinitionId))
            .Select(i => new { i.Id, i.Name, i.Status, i.SubStatus, i.CreatedAt }).ToListAsync(cancellationToken);
        var datasets = await directory.DatasetsAsync(cancellationToken);
        var cycleRows = cycles.Count == 0 ? $"<p>{Enc(T(lang, "noCycles"))}</p>" : $"""
            <table><caption>{Enc(T(lang, "cycles"))}</caption>
            <thead><tr><th scope="col">{Enc(T(lang, "name"))}</th><th scope="col">{Enc(T(lang, "status"))}</th><th scope="col">{Enc(T(lang, "startedAt"))}</th></tr></thead>
            <tbody>{string.Concat(cycles.OrderByDescending(c => c.CreatedAt).Select(c => $"""<tr><td><a href="coordinator/cycles/{Uri.EscapeDataString(c.Id)}">{Enc(c.Name ?? c.Id)}</a></td><td>{Enc(T(lang, "status." + c.SubStatus))}</td><td>{Date(c.CreatedAt, calendar)}</td></tr>"""))}</tbody></table>
            """;
        var datasetRows = datasets.Count == 0 ? $"<p>{Enc(T(lang, "noDatasets"))}</p>" : $"""
            <table><caption>{Enc(T(lang, "datasets"))}</caption>
            <thead><tr><th scope="col">{Enc(T(lang, "name"))}</th><th scope="col">{Enc(T(lang, "kind"))}</th><th scope="col">{Enc(T(lang, "importedAt"))}</th><th scope="col"><span class="visually-hidden">{Enc(T(lang, "actions"))}</span></th></tr></thead>
            <tbody>{string.Concat(datasets.Select(d => $"""<tr><td>{Enc(d.Name ?? d.Source)} <span class="muted">({Enc(d.Source)})</span></td><td>{Enc(T(lang, "dataset." + d.Kind))}</td><td>{Date(d.ImportedAt, calendar)}</td><td>{(d.Kind == "region" ? $"""<a href="coordinator/cycles/new?dataset={Uri.EscapeDataString(d.Source)}">{Enc(T(lang, "startFrom"))}<span class="visually-hidden"> {Enc(d.Name)}</span></a>""" : d.Kind != "steeringGroup" ? "" : $"""<form method="post" action="coordinator/steering/start">{Hidden(antiforgery, http)}<input type="hidden" name="dataset" value="{Enc(d.Source)}"><button type="submit">{Enc(T(lang, "startYear"))}<span class="visually-hidden"> {Enc(d.Name)}</span></button></form>""")}</td></tr>"""))}</tbody></table>
            """;
        var demo = DemoAvailable(environment, configuration) ? $"""
            <section aria-labelledby="demo-h"><h2 id="demo-h">{Enc(T(lang, "demo"))}</h2><p>{Enc(T(lang, "demoText"))}</p>
            <form method="post" action="coordinator/demo">{Hidden(antiforgery, http)}<button type="submit">{Enc(T(lang, "demoLoad"))}</button></form></section>
            """ : "";
        return Page(http, lang, T(lang, "cycles"), $"""
            <h1>{Enc(T(lang, "cycles"))}</h1>
            {cycleRows}
            <h2>{Enc(T(lang, "datasets"))}</h2>
            {datasetRows}
            <p><a class="button" href="coordinator/import">{Enc(T(lang, "import"))}</a></p>
            {demo}
            """, current: "cycles");
    }

    private static bool DemoAvailable(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration.GetValue<bool>("Demo:Enabled") || configuration.GetValue<bool>("Demo:Load");

    private const string DatasetPattern = "[a-z0-9\\-]{1,100}";

    private static IResult ImportPage(HttpContext http, IAntiforgery antiforgery, DirectoryApi.ImportResult? result, string? error)
    {
        var lang = Lang(http);
        var outcome = "";
        if (error is not null) outcome = $"""<div role="alert" class="error"><p>{Enc(error)}</p></div>""";
        else if (result is { Errors.Count: > 0 })
        {
            outcome = $"""
                <div role="alert" class="error"><h2>{Enc(T(lang, "importFailed"))}</h2>
                <ul>{string.Concat(result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"<li><code>{Enc(e.Key)}</code>: {Enc(string.Join(" ", e.Value))}</li>"))}</ul></div>
                """;
        }
        else if (result is not null)
        {
            outcome = $"""
                <div role="status" class="ok"><h2>{Enc(T(lang, "imported"))}</h2>
                <p>{Enc(string.Format(CultureInfo.InvariantCulture, T(lang, "importedText"), result.Source, result.People))}</p>
                <ul>{string.Concat(result.Roles.Select(r => $"<li>{Enc(r.Role)}: {r.Holders}</li>"))}</ul>
                {(result.Kind == "region" ? $"""<p><a href="cycles/new?dataset={Uri.EscapeDataString(result.Source)}">{Enc(T(lang, "startFrom"))}</a></p>""" : "")}</div>
                """;
        }

        return Page(http, lang, T(lang, "import"), $"""
            <h1>{Enc(T(lang, "import"))}</h1>
            <p>{Enc(T(lang, "importHelp"))}</p>
            {outcome}
            <form method="post" action="import" enctype="multipart/form-data">
              {Hidden(antiforgery, http)}
              <label for="file">{Enc(T(lang, "file"))}</label>
              <input type="file" id="file" name="file" accept=".json,.csv,application/json,text/csv" required aria-describedby="file-help">
              <p id="file-help" class="help">{Enc(T(lang, "fileHelp"))}</p>
              <label for="dataset">{Enc(T(lang, "csvDataset"))}</label>
              <input type="text" id="dataset" name="dataset" pattern="{DatasetPattern}" aria-describedby="dataset-help">
              <p id="dataset-help" class="help">{Enc(T(lang, "csvHelp"))} <code>{Enc(string.Join(';', PeopleCsv.Columns))}</code></p>
              <button type="submit">{Enc(T(lang, "importAction"))}</button>
            </form>
            """, result is { Errors.Count: > 0 } || error is not null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, "import");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IAntiforgery antiforgery, PeopleDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var (form, problem) = await FormAsync(http, antiforgery, cancellationToken);
        if (form is null) return problem!;
        if (form.Files["file"] is not { Length: > 0 } file) return ImportPage(http, antiforgery, null, T(lang, "noFile"));
        if (file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var text = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return ImportPage(http, antiforgery, await DirectoryApi.ImportCsvAsync(form["dataset"].ToString().Trim(), await text.ReadToEndAsync(cancellationToken), directory, time.GetUtcNow(), cancellationToken), null);
        }

        JsonObject? root;
        try
        {
            await using var stream = file.OpenReadStream();
            root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException e)
        {
            return ImportPage(http, antiforgery, null, string.Format(CultureInfo.InvariantCulture, T(lang, "notJson"), e.Message));
        }

        if (root is null) return ImportPage(http, antiforgery, null, string.Format(CultureInfo.InvariantCulture, T(lang, "notJson"), "–"));
        return ImportPage(http, antiforgery, await DirectoryApi.ImportRootAsync(root, directory, time.GetUtcNow(), cancellationToken), null);
    }

    /// <summary>Starts a steering group's year, its meetings moved to the coming years when the file's are past.</summary>
    private static async Task<IResult> StartSteeringGroupAsync([FromForm] string? dataset, HttpContext http, PeopleDirectory directory, SteeringGroupPlanner planner, WorkflowRuntime runtime,
        IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var (state, _, _, error) = await StartYearAsync(dataset, directory, planner, runtime, contexts, calendar, time, cancellationToken);
        if (state is null)
            return Page(http, lang, T(lang, "startYear"), $"<h1>{Enc(T(lang, "startYear"))}</h1><div role=\"alert\" class=\"error\"><p>{Enc(error)}</p></div><p><a href=\"../\">{Enc(T(lang, "cycles"))}</a></p>", StatusCodes.Status400BadRequest);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(state.Id)}", permanent: false);
    }

    private static async Task<(Workflows.Runtime.WorkflowState? State, int Status, string? Field, string? Error)> StartYearAsync(string? dataset, PeopleDirectory directory, SteeringGroupPlanner planner,
        WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var shift = dataset is not null && await directory.DatasetAsync(dataset, cancellationToken) is { Kind: "steeringGroup" } row
            ? SteeringGroupPlanner.ShiftToFuture(JsonNode.Parse(row.Json)!.AsObject(), calendar.LocalDate(time.GetUtcNow()).AddDays(7)) : 0;
        return await CyclesApi.TryStartSteeringGroupAsync(new CyclesApi.SteeringGroupRequest(dataset, shift), directory, planner, runtime, contexts, cancellationToken);
    }

    /// <summary>Imports the demo files and starts the Keski-Suomi and Pohjois-Pohjanmaa cycles, moved to the coming years.</summary>
    private static async Task<IResult> DemoAsync(HttpContext http, IAntiforgery antiforgery, PeopleDirectory directory, CyclePlanner planner, SteeringGroupPlanner steering, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts,
        FinnishBusinessCalendar calendar, TimeProvider time, IHostEnvironment environment, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!DemoAvailable(environment, configuration)) return Results.NotFound();
        var (form, problem) = await FormAsync(http, antiforgery, cancellationToken);
        if (form is null) return problem!;
        var datasets = await DirectoryApi.ImportDemoDataAsync(directory, Path.Combine(AppContext.BaseDirectory, "DemoData"), time, cancellationToken);
        foreach (var dataset in datasets)
        {
            if (await directory.DatasetAsync(dataset, cancellationToken) is { Kind: "steeringGroup" })
            {
                await StartYearAsync(dataset, directory, steering, runtime, contexts, calendar, time, cancellationToken);
                continue;
            }

            if (await directory.DatasetAsync(dataset, cancellationToken) is not { Kind: "region" } row) continue;
            var shift = CyclePlanner.ShiftToFuture(JsonNode.Parse(row.Json)!.AsObject(), calendar.LocalDate(time.GetUtcNow()).AddDays(7));
            var (cycle, _, _) = await CyclesApi.TryPlanAsync(new CyclesApi.CycleRequest(dataset, null, null, shift), directory, planner, cancellationToken);
            if (cycle is not null) await CyclesApi.StartCycleAsync(cycle, runtime, contexts, cancellationToken); // an already running demo cycle is left as it is
        }

        return Results.Redirect($"{http.Request.PathBase}/coordinator", permanent: false);
    }

    private static async Task<(JsonObject? Region, IReadOnlyList<Planning.People.DirectoryDataset> Regions)> RegionAsync(PeopleDirectory directory, string? dataset, CancellationToken cancellationToken)
    {
        var regions = (await directory.DatasetsAsync(cancellationToken)).Where(d => d.Kind == "region").ToList();
        var chosen = dataset ?? regions.FirstOrDefault()?.Source;
        var row = chosen is null ? null : await directory.DatasetAsync(chosen, cancellationToken);
        return (row?.Kind == "region" ? JsonNode.Parse(row.Json)?.AsObject() : null, regions);
    }

    private static async Task<IResult> NewCycleAsync(string? dataset, HttpContext http, IAntiforgery antiforgery, PeopleDirectory directory, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var (region, regions) = await RegionAsync(directory, dataset, cancellationToken);
        if (region is null) return Page(http, lang, T(lang, "start"), $"""<h1>{Enc(T(lang, "start"))}</h1><p>{Enc(T(lang, "noRegion"))}</p><p><a class="button" href="../import">{Enc(T(lang, "import"))}</a></p>""", current: "start");
        // A file whose dates are past (the 2023 demo) is proposed in the coming years, on the same weekdays.
        var shift = CyclePlanner.ShiftToFuture(region, calendar.LocalDate(time.GetUtcNow()).AddDays(7));
        string? Moved(string? date) => date is { Length: >= 10 } && DateOnly.TryParseExact(date[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.AddDays(shift).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date;
        var phases = (region["phases"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(p => p["key"]!.GetValue<string>(), p => (Start: Moved(p["start"]?.GetValue<string>()), Deadline: Moved(p["deadline"]?.GetValue<string>())));
        return CycleForm(http, lang, antiforgery, regions, region, phases, null, null, null, calendar, shift);
    }

    private static IResult CycleForm(HttpContext http, string lang, IAntiforgery antiforgery, IReadOnlyList<Planning.People.DirectoryDataset> regions, JsonObject region,
        IReadOnlyDictionary<string, (string? Start, string? Deadline)> dates, string? planUrl, (string Field, string Error)? error, IReadOnlyList<ScheduledItem>? preview, FinnishBusinessCalendar calendar, int shift)
    {
        var dataset = region["dataset"]?["id"]?.GetValue<string>() ?? "";
        var options = string.Concat(regions.Select(r => $"""<option value="{Enc(r.Source)}"{(r.Source == dataset ? " selected" : "")}>{Enc(r.Name ?? r.Source)}</option>"""));
        var rows = string.Concat((region["phases"] as JsonArray ?? []).OfType<JsonObject>().Select(p =>
        {
            var key = p["key"]!.GetValue<string>();
            var name = (lang == "en" ? p["nameEn"] : null)?.GetValue<string>() ?? p["nameFi"]?.GetValue<string>() ?? key;
            var (start, deadline) = dates.GetValueOrDefault(key);
            string Invalid(string field) => error?.Field == $"phases.{key}.{field}" ? " aria-invalid=\"true\" aria-describedby=\"form-error\"" : "";
            return $"""<tr><th scope="row">{Enc(name)}</th><td><label class="visually-hidden" for="start-{Enc(key)}">{Enc(name)}: {Enc(T(lang, "phaseStart"))}</label><input type="date" id="start-{Enc(key)}" name="start.{Enc(key)}" value="{Enc(start?[..Math.Min(10, start.Length)])}"{Invalid("start")}></td><td><label class="visually-hidden" for="deadline-{Enc(key)}">{Enc(name)}: {Enc(T(lang, "deadline"))}</label><input type="date" id="deadline-{Enc(key)}" name="deadline.{Enc(key)}" value="{Enc(deadline?[..Math.Min(10, deadline.Length)])}"{Invalid("deadline")}></td></tr>""";
        }));
        var errorBlock = error is { } e ? $"""<div role="alert" class="error" id="form-error"><p><code>{Enc(e.Field)}</code>: {Enc(e.Error)}</p></div>""" : "";
        var previewBlock = preview is null ? "" : $"""
            <section aria-labelledby="preview-h"><h2 id="preview-h">{Enc(T(lang, "preview"))}</h2>
            <p>{Enc(string.Format(CultureInfo.InvariantCulture, T(lang, "previewText"), preview.Count(i => i.Recipients > 0 && i.Kind != "Meeting"), preview.Sum(i => i.Kind is "PhaseStart" or "Invitation" or "Reminder" or "MeetingReminder" ? i.Recipients : 0)))}</p>
            <table><caption>{Enc(T(lang, "preview"))}</caption>
            <thead><tr><th scope="col">{Enc(T(lang, "when"))}</th><th scope="col">{Enc(T(lang, "what"))}</th><th scope="col">{Enc(T(lang, "subject"))}</th><th scope="col">{Enc(T(lang, "recipients"))}</th></tr></thead>
            <tbody>{string.Concat(preview.Select(i => $"<tr><td>{Enc(DateTime(i.At, calendar, lang))}</td><td>{Enc(T(lang, "item." + i.Kind))}</td><td>{Enc(i.Title)}</td><td>{(i.Recipients > 0 ? i.Recipients.ToString(CultureInfo.InvariantCulture) : "–")}</td></tr>"))}</tbody></table>
            <button type="submit" name="action" value="start" form="cycle-form" class="primary">{Enc(T(lang, "startAction"))}</button></section>
            """;
        return Page(http, lang, T(lang, "start"), $"""
            <h1>{Enc(T(lang, "start"))}</h1>
            <p>{Enc(T(lang, "startHelp"))}</p>
            {errorBlock}
            <form method="post" action="new" id="cycle-form">
              {Hidden(antiforgery, http)}
              <input type="hidden" name="shiftDays" value="{shift}">
              {(shift > 0 ? $"<p class=\"notice\">{Enc(string.Format(CultureInfo.InvariantCulture, T(lang, "shifted"), shift / 364))}</p>" : "")}
              <label for="dataset">{Enc(T(lang, "region"))}</label>
              <select id="dataset" name="dataset">{options}</select>
              <label for="planUrl">{Enc(T(lang, "planUrl"))}</label>
              <input type="url" id="planUrl" name="planUrl" value="{Enc(planUrl)}" aria-describedby="planUrl-help"{(error?.Field == "planUrl" ? " aria-invalid=\"true\"" : "")}>
              <p id="planUrl-help" class="help">{Enc(T(lang, "planUrlHelp"))}</p>
              <table><caption>{Enc(T(lang, "phases"))}</caption>
              <thead><tr><th scope="col">{Enc(T(lang, "phase"))}</th><th scope="col">{Enc(T(lang, "phaseStart"))}</th><th scope="col">{Enc(T(lang, "deadline"))}</th></tr></thead>
              <tbody>{rows}</tbody></table>
              <p class="help">{Enc(T(lang, "datesHelp"))}</p>
              <button type="submit" name="action" value="preview">{Enc(T(lang, "previewAction"))}</button>
            </form>
            {previewBlock}
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, "start");
    }

    private static async Task<IResult> StartOrPreviewAsync(HttpContext http, IAntiforgery antiforgery, PeopleDirectory directory, CyclePlanner planner, WorkflowRuntime runtime,
        IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var (form, problem) = await FormAsync(http, antiforgery, cancellationToken);
        if (form is null) return problem!;
        var dataset = form["dataset"].ToString();
        var (region, regions) = await RegionAsync(directory, dataset, cancellationToken);
        if (region is null) return Page(http, lang, T(lang, "start"), $"""<h1>{Enc(T(lang, "start"))}</h1><div role="alert" class="error"><p>{Enc(T(lang, "noRegion"))}</p></div>""", StatusCodes.Status400BadRequest, "start");
        var shift = int.TryParse(form["shiftDays"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : 0;
        var dates = new Dictionary<string, (string? Start, string? Deadline)>(StringComparer.Ordinal);
        var overrides = new JsonObject();
        foreach (var phase in (region["phases"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = phase["key"]!.GetValue<string>();
            var start = form[$"start.{key}"].ToString() is { Length: > 0 } s ? s : null;
            var deadline = form[$"deadline.{key}"].ToString() is { Length: > 0 } d ? d : null;
            dates[key] = (start, deadline);
            overrides[key] = new JsonObject { ["start"] = start, ["deadline"] = deadline };
        }

        var planUrl = form["planUrl"].ToString();
        var (cycle, field, error) = await CyclesApi.TryPlanAsync(new CyclesApi.CycleRequest(dataset, overrides, planUrl, shift), directory, planner, cancellationToken);
        if (cycle is null) return CycleForm(http, lang, antiforgery, regions, region, dates, planUrl, (field!, error!), null, calendar, shift);
        if (form["action"].ToString() != "start") return CycleForm(http, lang, antiforgery, regions, region, dates, planUrl, null, planner.Preview(cycle), calendar, shift);
        var (state, _, startError) = await CyclesApi.StartCycleAsync(cycle, runtime, contexts, cancellationToken);
        if (state is null) return CycleForm(http, lang, antiforgery, regions, region, dates, planUrl, ("dataset", startError!), null, calendar, shift);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(state.Id)}", permanent: false);
    }

    private static async Task<IResult> DashboardAsync(string id, HttpContext http, IAntiforgery antiforgery, WorkflowStore store, IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var d = await CycleDashboard.LoadAsync(id, store, contexts, calendar, time.GetUtcNow(), cancellationToken);
        if (d is null) return Page(http, lang, T(lang, "notFound"), $"<h1>{Enc(T(lang, "notFound"))}</h1>", StatusCodes.Status404NotFound);
        var now = time.GetUtcNow();
        var hidden = Hidden(antiforgery, http);
        var running = d.Status == "Running" && http.Request.Query["print"] != "1";
        var timeline = string.Concat(d.Phases.Select(p => $"""
            <li class="phase {p.State.ToLowerInvariant()}"><span class="state">{Enc(T(lang, "phase." + p.State))}</span> <strong>{Enc(p.Name)}</strong>
            <span class="dates">{Date(p.Start, calendar)}–{Date(p.Deadline, calendar)}</span>{(p.Outcome is { } o ? $" <span class=\"muted\">({Enc(T(lang, "outcome." + o))})</span>" : "")}</li>
            """));
        var requests = d.OpenRequests.Count == 0 ? $"<p>{Enc(T(lang, "noOpen"))}</p>" : string.Concat(d.OpenRequests.Select((r, index) =>
        {
            var missing = r.Seats.Where(s => s.Answer is null).ToList();
            var seats = string.Concat(r.Seats.Select((s, seatIndex) => $"""<tr><td>{Enc(s.Name ?? s.Email)}</td><td>{Enc(s.Organisation)}</td><td>{(s.Answer is { } a ? $"{Enc(T(lang, "answer." + a))}{(s.ByDeputy ? $" ({Enc(T(lang, "byDeputy"))})" : "")}" : $"<strong>{Enc(T(lang, "noAnswer"))}</strong>{(s.DeputyAsked ? $" ({Enc(T(lang, "deputyAsked"))})" : "")}{(running ? PersonForm(lang, id, hidden, r.RequestId, $"{index}-{seatIndex}", s) : "")}")}</td></tr>"""));
            var dueLocal = TimeZoneInfo.ConvertTime(r.DueAt, calendar.TimeZone);
            var controls = running ? $"""
                <div class="controls">
                <form method="post" action="{Enc(id)}/remind">{hidden}<input type="hidden" name="requestId" value="{Enc(r.RequestId)}"><button type="submit"{(missing.Count == 0 ? " disabled" : "")}>{Enc(string.Format(CultureInfo.InvariantCulture, T(lang, "remindNow"), missing.Count))}</button></form>
                <form method="post" action="{Enc(id)}/extend">{hidden}<input type="hidden" name="requestId" value="{Enc(r.RequestId)}">
                <label for="due-{index}">{Enc(T(lang, "newDeadline"))}</label> <input type="date" id="due-{index}" name="dueAt" value="{dueLocal:yyyy-MM-dd}" min="{TimeZoneInfo.ConvertTime(now, calendar.TimeZone):yyyy-MM-dd}" required>
                <button type="submit">{Enc(T(lang, "extend"))}</button></form>
                {PersonForm(lang, id, hidden, r.RequestId, $"{index}", null)}</div>
                """ : "";
            return $"""
                <article class="request" aria-labelledby="req-{index}">
                <h3 id="req-{index}">{Enc(r.Title)}</h3>
                <p>{Enc(T(lang, "kind." + r.Kind))} · {Enc(T(lang, "deadline"))} <strong>{Enc(DateTime(r.DueAt, calendar, lang))}</strong> · {Enc(string.Format(CultureInfo.InvariantCulture, T(lang, "answered"), r.Answered, r.Asked))}{(r.LastReminderAt is { } last ? $" · {Enc(T(lang, "lastReminder"))} {Enc(Date(last, calendar))}" : "")}</p>
                <table><caption class="visually-hidden">{Enc(r.Title)}</caption><thead><tr><th scope="col">{Enc(T(lang, "person"))}</th><th scope="col">{Enc(T(lang, "organisation"))}</th><th scope="col">{Enc(T(lang, "answer"))}</th></tr></thead><tbody>{seats}</tbody></table>
                {controls}
                </article>
                """;
        }));
        var meetings = d.Meetings.Count == 0 ? $"<p>{Enc(T(lang, "noMeetings"))}</p>" : $"""
            <table><caption class="visually-hidden">{Enc(T(lang, "meetings"))}</caption><thead><tr><th scope="col">{Enc(T(lang, "when"))}</th><th scope="col">{Enc(T(lang, "meeting"))}</th><th scope="col">{Enc(T(lang, "invitees"))}</th><th scope="col">{Enc(T(lang, "status"))}</th></tr></thead>
            <tbody>{string.Concat(d.Meetings.Select(m => $"<tr><td>{Enc(DateTime(m.StartsAt, calendar, lang))}</td><td>{Enc(m.Title)}{(m.Location is { } l ? $", {Enc(l)}" : "")}</td><td>{m.Invitees}{(m.Attending + m.NotAttending > 0 ? $" ({Enc(string.Format(CultureInfo.InvariantCulture, T(lang, "replies"), m.Attending, m.NotAttending))})" : "")}</td><td>{Enc(m.Held ? T(lang, "held") : m.InvitedAt is { } at ? $"{T(lang, "invited")} {Date(at, calendar)}" : T(lang, "notInvited"))}</td></tr>"))}</tbody></table>
            """;
        var feed = d.Activity.Count == 0 ? $"<p>{Enc(T(lang, "noActivity"))}</p>" :
            $"<ul class=\"feed\">{string.Concat(d.Activity.Take(30).Select(a => $"<li><time datetime=\"{a.At:O}\">{Enc(DateTime(a.At, calendar, lang))}</time> {Enc(T(lang, "event." + a.Event))}{(a.Subject is { } subject ? $": {Enc(subject)}" : "")}</li>"))}</ul>";
        var cancel = running ? $"""
            <details><summary>{Enc(T(lang, "cancel"))}</summary><form method="post" action="{Enc(id)}/cancel">{hidden}
            <p>{Enc(T(lang, "cancelText"))}</p><label><input type="checkbox" name="confirm" value="yes" required> {Enc(T(lang, "cancelConfirm"))}</label>
            <button type="submit" class="danger">{Enc(T(lang, "cancel"))}</button></form></details>
            """ : "";
        var message = http.Request.Query["done"].ToString() is { Length: > 0 } done ? $"<div role=\"status\" class=\"ok\"><p>{Enc(T(lang, "done." + done))}</p></div>" : "";
        return Page(http, lang, d.Name ?? id, $"""
            <h1>{Enc(d.Name ?? id)}</h1>
            <p>{Enc(T(lang, "status"))}: <strong>{Enc(T(lang, "status." + d.SubStatus))}</strong> · {Enc(T(lang, "startedAt"))} {Date(d.CreatedAt, calendar)} · <a href="{Enc(id)}/export.csv">{Enc(T(lang, "exportCsv"))}</a> · <a href="{Enc(id)}?print=1" class="noprint">{Enc(T(lang, "print"))}</a></p>
            {message}
            {(d.Phases.Count == 0 ? "" : $"<section aria-labelledby=\"phases-h\"><h2 id=\"phases-h\">{Enc(T(lang, "phases"))}</h2><ol class=\"timeline\">{timeline}</ol></section>")}
            <section aria-labelledby="open-h"><h2 id="open-h">{Enc(T(lang, "openRequests"))}</h2>{requests}</section>
            <section aria-labelledby="meetings-h"><h2 id="meetings-h">{Enc(T(lang, "meetings"))}</h2>{meetings}</section>
            <section aria-labelledby="feed-h"><h2 id="feed-h">{Enc(T(lang, "activity"))}</h2>{feed}</section>
            {cancel}
            """);
    }

    private static async Task<IResult> RemindAsync(string id, [FromForm] string? requestId, HttpContext http, WorkflowStore store, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        if (string.IsNullOrEmpty(requestId) || await CyclesApi.RequestInstanceAsync(id, requestId, store, contexts, cancellationToken) is not { } instanceId)
            return Page(http, lang, T(lang, "notFound"), $"<h1>{Enc(T(lang, "closedRequest"))}</h1><p><a href=\"../{Uri.EscapeDataString(id)}\">{Enc(T(lang, "back"))}</a></p>", StatusCodes.Status404NotFound);
        await CyclesApi.ControlAsync(instanceId, requestId, RequestApproval.RemindAction, null, http.User.Identity?.Name ?? "coordinator", runtime, cancellationToken);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}?done=reminded", permanent: false);
    }

    private static async Task<IResult> ExtendAsync(string id, [FromForm] string? requestId, [FromForm] string? dueAt, HttpContext http, WorkflowStore store, WorkflowRuntime runtime,
        IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var due = CyclesApi.ParseDeadline(dueAt, calendar, time.GetUtcNow(), out var error);
        if (due is null)
            return Page(http, lang, T(lang, "extend"), $"<h1>{Enc(T(lang, "extend"))}</h1><div role=\"alert\" class=\"error\"><p>{Enc(T(lang, "badDeadline"))}</p></div><p><a href=\"../{Uri.EscapeDataString(id)}\">{Enc(T(lang, "back"))}</a></p>", StatusCodes.Status400BadRequest);
        if (string.IsNullOrEmpty(requestId) || await CyclesApi.RequestInstanceAsync(id, requestId, store, contexts, cancellationToken) is not { } instanceId)
            return Page(http, lang, T(lang, "notFound"), $"<h1>{Enc(T(lang, "closedRequest"))}</h1><p><a href=\"../{Uri.EscapeDataString(id)}\">{Enc(T(lang, "back"))}</a></p>", StatusCodes.Status404NotFound);
        await CyclesApi.ControlAsync(instanceId, requestId, RequestApproval.ExtendAction, due, http.User.Identity?.Name ?? "coordinator", runtime, cancellationToken);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}?done=extended", permanent: false);
    }

    /// <summary>A folded form that asks one more person (<paramref name="seat"/> null) or replaces a person who has not answered.</summary>
    private static string PersonForm(string lang, string id, string hidden, string requestId, string key, DashboardSeat? seat)
    {
        var options = string.Concat(new[] { ("fi", "suomi"), ("sv", "svenska"), ("en", "English") }.Select(l => $"""<option value="{l.Item1}">{l.Item2}</option>"""));
        var label = seat is null ? T(lang, "addPerson") : string.Format(CultureInfo.InvariantCulture, T(lang, "replacePerson"), seat.Name ?? seat.Email);
        return $"""
            <details class="person"><summary>{Enc(label)}</summary>
            <form method="post" action="{Enc(id)}/participants">{hidden}
            <input type="hidden" name="requestId" value="{Enc(requestId)}">{(seat is null ? "" : $"<input type=\"hidden\" name=\"replaces\" value=\"{Enc(seat.SeatId)}\">")}
            <label for="p-email-{key}">{Enc(T(lang, "email"))}</label><input type="email" id="p-email-{key}" name="email" required autocomplete="off">
            <label for="p-name-{key}">{Enc(T(lang, "name"))}</label><input type="text" id="p-name-{key}" name="name" autocomplete="off">
            <label for="p-org-{key}">{Enc(T(lang, "organisation"))}</label><input type="text" id="p-org-{key}" name="organisation" value="{Enc(seat?.Organisation)}" autocomplete="off">
            <label for="p-lang-{key}">{Enc(T(lang, "language"))}</label><select id="p-lang-{key}" name="language">{options}</select>
            <button type="submit">{Enc(seat is null ? T(lang, "addAction") : T(lang, "replaceAction"))}</button>
            </form></details>
            """;
    }

    private static async Task<IResult> ParticipantAsync(string id, [FromForm] string? requestId, [FromForm] string? email, [FromForm] string? name, [FromForm] string? organisation, [FromForm] string? language, [FromForm] string? replaces,
        HttpContext http, WorkflowStore store, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var body = new CyclesApi.ParticipantRequest(email, name, language, organisation, replaces);
        if (CyclesApi.Validate(body) is not null)
            return Page(http, lang, T(lang, "addPerson"), $"<h1>{Enc(T(lang, "addPerson"))}</h1><div role=\"alert\" class=\"error\"><p>{Enc(T(lang, "badEmail"))}</p></div><p><a href=\"../{Uri.EscapeDataString(id)}\">{Enc(T(lang, "back"))}</a></p>", StatusCodes.Status400BadRequest);
        if (string.IsNullOrEmpty(requestId) || await CyclesApi.RequestInstanceAsync(id, requestId, store, contexts, cancellationToken) is not { } instanceId)
            return Page(http, lang, T(lang, "notFound"), $"<h1>{Enc(T(lang, "closedRequest"))}</h1><p><a href=\"../{Uri.EscapeDataString(id)}\">{Enc(T(lang, "back"))}</a></p>", StatusCodes.Status404NotFound);
        await CyclesApi.ParticipantControlAsync(instanceId, requestId, body, http.User.Identity?.Name ?? "coordinator", runtime, cancellationToken);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}?done={(string.IsNullOrEmpty(replaces) ? "added" : "replaced")}", permanent: false);
    }

    private static async Task<IResult> CancelAsync(string id, [FromForm] string? confirm, HttpContext http, WorkflowStore store, WorkflowRuntime runtime, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        if (confirm != "yes") return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}", permanent: false);
        await CyclesApi.CancelCycleAsync(id, store, runtime, contexts, cancellationToken);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}?done=cancelled", permanent: false);
    }

    private static async Task<IResult> ExportAsync(string id, HttpContext http, WorkflowStore store, IDbContextFactory<WorkflowsDbContext> contexts, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var d = await CycleDashboard.LoadAsync(id, store, contexts, calendar, time.GetUtcNow(), cancellationToken);
        if (d is null) return Results.NotFound();
        var csv = new StringBuilder();
        void Row(params string?[] cells) => csv.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
        Row("section", "item", "state", "start", "deadline", "person", "organisation", "answer", "answered_at");
        foreach (var p in d.Phases) Row("phase", p.Name, p.State, Date(p.Start, calendar), Date(p.Deadline, calendar), null, null, p.Outcome, p.CompletedAt is { } c ? Date(c, calendar) : null);
        foreach (var r in d.OpenRequests)
        {
            foreach (var s in r.Seats) Row("request", r.Title, r.Kind, null, Date(r.DueAt, calendar), s.Name ?? s.Email, s.Organisation, s.Answer ?? "no answer", s.AnsweredAt is { } a ? Date(a, calendar) : null);
        }

        foreach (var m in d.Meetings) Row("meeting", m.Title, m.Held ? "held" : m.InvitedAt is null ? "not invited" : "invited", Date(m.StartsAt, calendar), null, null, m.Location, null, null);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", $"cycle-{id}.csv");
    }

    /// <summary>A CSV cell: quoted, and a leading formula character defused so spreadsheets never run it.</summary>
    internal static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private const string Css = "body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;line-height:1.5}header{display:flex;flex-wrap:wrap;align-items:center;gap:1rem 2rem;padding:.5rem 1rem;background:#003f7d;color:#fff}header a{color:#fff}header ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0}header a[aria-current]{font-weight:700;text-decoration-thickness:3px}.product{font-weight:700;margin:0}.langs{margin:0 0 0 auto}.signout button{margin:0;min-height:auto;padding:.25rem .75rem;background:none;color:#fff;border-color:#fff}main{max-width:70rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}thead th{background:#eef2f7}label{display:block;font-weight:600;margin-top:.75rem}.controls label,td label{display:inline}input,select,button{font:inherit}input[type=url],select{width:100%;max-width:40rem;padding:.4rem;box-sizing:border-box}input[type=date]{padding:.3rem}button,a.button{display:inline-block;margin:.5rem .5rem .5rem 0;padding:.55rem 1.1rem;border-radius:.3rem;border:2px solid #00509e;background:#fff;color:#00509e;min-height:44px;box-sizing:border-box;text-decoration:none;cursor:pointer}button.primary,a.button{background:#00509e;color:#fff}button.danger{border-color:#a30000;color:#a30000}button[disabled]{opacity:.6;cursor:not-allowed}a{color:#00509e}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #ffb000;outline-offset:2px}.help,.muted{color:#444}.notice{border-left:5px solid #00509e;padding:.25rem 1rem;background:#eef2f7}.error{border-left:5px solid #a30000;padding:.25rem 1rem;background:#fdf0f0}.ok{border-left:5px solid #1b6e20;padding:.25rem 1rem;background:#eef7ee}.timeline{list-style:none;padding:0}.timeline li{border-left:5px solid #767676;padding:.25rem .75rem;margin:.25rem 0}.timeline li.active{border-color:#00509e;background:#eef2f7}.timeline li.done{border-color:#1b6e20}.state{display:inline-block;min-width:6.5rem;font-weight:600}.dates{color:#444;margin-left:.5rem}.request{border:1px solid #767676;border-radius:.4rem;padding:0 1rem;margin:1rem 0}.controls form{display:inline-block;margin-right:1.5rem}details.person form{display:block;max-width:28rem}details.person input[type=email],details.person input[type=text]{width:100%;padding:.4rem;box-sizing:border-box}.feed{padding-left:1.25rem}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#00509e;padding:.5rem;z-index:1}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}@media print{header,.controls,.noprint,details,form{display:none}main{max-width:none}}";
}

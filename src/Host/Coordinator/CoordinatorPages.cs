using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;
using Opiskeluhuolto.Host.Coordinator.Pages;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Planning.Cycles;

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
        pages.MapGet("/import", (HttpContext http, IAntiforgery af, FinnishBusinessCalendar calendar) => ImportPage(http, af, calendar, null, null));
        pages.MapPost("/import", ImportAsync).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(8 * 1024 * 1024));
        pages.MapPost("/demo", DemoAsync);
        pages.MapGet("/people", PeopleAsync);
        pages.MapPost("/people/erase", ErasePersonAsync);
        pages.MapGet("/cycles/new", NewCycleAsync);
        pages.MapPost("/cycles/new", StartOrPreviewAsync);
        pages.MapPost("/cycles/preview-mail", StartOrPreviewAsync);
        pages.MapGet("/cycles/{id}", DashboardAsync);
        pages.MapGet("/cycles/{id}/export.csv", ExportAsync);
        pages.MapPost("/cycles/{id}/remind", RemindAsync);
        pages.MapPost("/cycles/{id}/extend", ExtendAsync);
        pages.MapPost("/cycles/{id}/cancel", CancelAsync);
        pages.MapPost("/cycles/{id}/participants", ParticipantAsync);
        pages.MapPost("/cycles/{id}/mail/{mailId:long}", ResendAsync);
        pages.MapPost("/cycles/{id}/documents", AddDocumentAsync);
        pages.MapPost("/cycles/{id}/calendar/stop", StopFeedsAsync);
        pages.MapPost("/steering/start", StartSteeringGroupAsync);
    }

    private static string Lang(HttpContext http) => RequestLanguage.Of(http);

    private static string T(string lang, string key) => Texts.Get(lang, key);

    /// <summary>The page's language, path base and sign-in state; with form tokens when the page has forms.</summary>
    private static CoordinatorView View(HttpContext http, FinnishBusinessCalendar calendar, IAntiforgery? antiforgery = null) =>
        new(Lang(http), http.Request.PathBase.Value ?? "", http.User.Identity?.IsAuthenticated == true, antiforgery?.GetAndStoreTokens(http), calendar);

    /// <summary>A page with an error and a link back to the cycle.</summary>
    private static RazorComponentResult Problem(CoordinatorView view, string id, string titleKey, string headingKey, string? errorKey, int status) =>
        Render<MessagePage>(new { View = view, Title = view.T(titleKey), Heading = view.T(headingKey), Error = errorKey is null ? null : view.T(errorKey), BackHref = $"../{Uri.EscapeDataString(id)}", BackText = view.T("back") }, status);

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

    private static async Task<IResult> HomeAsync(HttpContext http, PeopleDirectory directory, CycleService cycles, IAntiforgery antiforgery, IHostEnvironment environment, IConfiguration configuration, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(http);
        var list = new List<CycleRow>();
        foreach (var c in await cycles.ListAsync(language, cancellationToken))
            // The running ones get a small timeline (their phases and today) beside the name.
            list.Add(new CycleRow(c.Id, c.Name, c.SubStatus, c.CreatedAt, c.SubStatus is "Finished" or "Cancelled" || list.Count >= 20 ? null : await cycles.DashboardAsync(c.Id, language, withRecords: false, cancellationToken)));
        var datasets = await directory.DatasetsAsync(cancellationToken);
        return Render<HomePage>(new { View = View(http, calendar, antiforgery), Cycles = list, Datasets = datasets, Demo = DemoAvailable(environment, configuration), Now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() });
    }

    private static async Task<IResult> PeopleAsync(string? q, string? organisation, string? role, HttpContext http, IAntiforgery antiforgery, PeopleDirectory directory, Planning.Approvals.ApprovalTasks tasks,
        CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        const int limit = 500;
        var search = q is { Length: > 100 } ? q[..100] : q;
        var people = await directory.ListAsync(search, organisation, role, limit, cancellationToken);
        var open = await tasks.OpenForEveryoneAsync(cancellationToken);
        var byAddress = open.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);
        var mail = await cycles.MailByPersonAsync(people.Select(p => p.Person.Email), cancellationToken);
        return Render<PeoplePage>(new
        {
            View = View(http, calendar, antiforgery), People = people, Open = byAddress, Mail = mail, Organisations = await directory.OrganisationsAsync(cancellationToken),
            Roles = (await directory.RolesAsync(cancellationToken)).Select(r => r.Role).ToList(), Search = search, Organisation = organisation, Role = role,
            IsAdmin = http.User.IsInRole(ApiKeyAuthenticationHandler.AdminRole), Limit = limit,
        });
    }

    private static async Task<IResult> ErasePersonAsync([FromForm] string? email, [FromForm] string? confirm, HttpContext http, PersonalDataEraser eraser,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Workflows.Persistence.WorkflowsDbContext> contexts, TimeProvider time, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var view = View(http, calendar);
        if (!http.User.IsInRole(ApiKeyAuthenticationHandler.AdminRole)) return Render<MessagePage>(new { View = view, Title = view.T("peopleErase"), Error = view.T("peopleEraseAdmin"), Current = "people" }, StatusCodes.Status403Forbidden);
        if (confirm != "yes" || email is not { Length: > 3 and <= 254 } || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
            return Render<MessagePage>(new { View = view, Title = view.T("peopleErase"), Error = view.T("peopleEraseConfirmMissing"), Current = "people" }, StatusCodes.Status400BadRequest);
        var (result, _) = await Apis.PeopleApi.EraseAsync(email.Trim(), http, eraser, contexts, time, cancellationToken);
        return Render<MessagePage>(new { View = view, Title = view.T("peopleErased"), Error = (string?)null, Text = view.F("peopleErasedText", result.Pseudonym, result.RunningInstances.Count), Current = "people" });
    }

    private static bool DemoAvailable(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration.GetValue<bool>("Demo:Enabled") || configuration.GetValue<bool>("Demo:Load");

    private static IResult ImportPage(HttpContext http, IAntiforgery antiforgery, FinnishBusinessCalendar calendar, ImportResult? result, string? error) =>
        Render<ImportPage>(new { View = View(http, calendar, antiforgery), Result = result, Error = error },
            result is { Errors.Count: > 0 } || error is not null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    private static async Task<IResult> ImportAsync(HttpContext http, IAntiforgery antiforgery, DirectoryImporter importer, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var lang = Lang(http);
        var (form, problem) = await FormAsync(http, antiforgery, cancellationToken);
        if (form is null) return problem!;
        if (form.Files["file"] is not { Length: > 0 } file) return ImportPage(http, antiforgery, calendar, null, T(lang, "noFile"));
        if (file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.ContentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var text = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            var csv = await text.ReadToEndAsync(cancellationToken);
            var dataset = form["dataset"].ToString().Trim();
            return await ImportProgressResult.RunAsync(View(http, calendar, antiforgery), progress => importer.ImportCsvAsync(dataset, csv, progress, cancellationToken),
                result => ImportPage(http, antiforgery, calendar, result, null), cancellationToken);
        }

        JsonObject? root;
        try
        {
            await using var stream = file.OpenReadStream();
            root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException e)
        {
            return ImportPage(http, antiforgery, calendar, null, string.Format(CultureInfo.InvariantCulture, T(lang, "notJson"), e.Message));
        }

        if (root is null) return ImportPage(http, antiforgery, calendar, null, string.Format(CultureInfo.InvariantCulture, T(lang, "notJson"), "–"));
        return await ImportProgressResult.RunAsync(View(http, calendar, antiforgery), progress => importer.ImportAsync(root, progress, cancellationToken),
            result => ImportPage(http, antiforgery, calendar, result, null), cancellationToken);
    }

    /// <summary>Starts a steering group's year, its meetings moved to the coming years when the file's are past.</summary>
    private static async Task<IResult> StartSteeringGroupAsync([FromForm] string? dataset, HttpContext http, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var shift = dataset is null ? 0 : await cycles.FutureShiftAsync(dataset, cancellationToken);
        var (state, problem) = await cycles.StartSteeringGroupAsync(new SteeringGroupRequest(dataset, shift), cancellationToken);
        if (state is null)
        {
            var view = View(http, calendar);
            return Render<MessagePage>(new { View = view, Title = view.T("startYear"), Error = problem!.MessageIn(view.Lang), BackHref = "../", BackText = view.T("cycles") }, StatusCodes.Status400BadRequest);
        }

        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(state.Id)}", permanent: false);
    }

    /// <summary>Imports the demo files and starts the Keski-Suomi and Pohjois-Pohjanmaa cycles and the steering-group year, moved to the coming years.</summary>
    private static async Task<IResult> DemoAsync(HttpContext http, IAntiforgery antiforgery, DirectoryImporter importer, CycleService cycles, IHostEnvironment environment, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!DemoAvailable(environment, configuration)) return Results.NotFound();
        var (form, problem) = await FormAsync(http, antiforgery, cancellationToken);
        if (form is null) return problem!;
        var datasets = await importer.ImportFolderAsync(Path.Combine(AppContext.BaseDirectory, "DemoData"), cancellationToken);
        await cycles.StartInFutureAsync(datasets, cancellationToken); // an already running demo cycle is left as it is
        return Results.Redirect($"{http.Request.PathBase}/coordinator", permanent: false);
    }

    private static async Task<(JsonObject? Region, IReadOnlyList<Planning.People.DirectoryDataset> Regions)> RegionAsync(PeopleDirectory directory, string? dataset, CancellationToken cancellationToken)
    {
        var regions = (await directory.DatasetsAsync(cancellationToken)).Where(d => d.Kind == "region").ToList();
        var chosen = dataset ?? regions.FirstOrDefault()?.Source;
        var row = chosen is null ? null : await directory.DatasetAsync(chosen, cancellationToken);
        return (row?.Kind == "region" ? JsonNode.Parse(row.Json)?.AsObject() : null, regions);
    }

    private static async Task<IResult> NewCycleAsync(string? dataset, string? previous, HttpContext http, IAntiforgery antiforgery, PeopleDirectory directory, CycleService cycles, FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonObject? next = null;
        if (previous is { Length: > 0 })
        {
            // The next council term's cycle from a previous one: its region, with the dates moved into the new term.
            var (planned, problem) = await cycles.PlanNextTermAsync(previous, cancellationToken: cancellationToken);
            if (planned is null) return Problem(View(http, calendar), previous, "nextTerm", "nextTerm", null, problem!.Kind == CycleProblemKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
            next = planned;
            dataset = planned["dataset"]?.GetValue<string>();
        }

        var (region, regions) = await RegionAsync(directory, dataset, cancellationToken);
        if (region is null)
        {
            var view = View(http, calendar);
            return Render<MessagePage>(new { View = view, Title = view.T("start"), Text = view.T("noRegion"), BackHref = "../import", BackText = view.T("import"), BackIsButton = true, Current = "start" });
        }

        // A file whose dates are past (the 2023 demo) is proposed in the coming years, on the same weekdays.
        var shift = next?["shiftDays"]?.GetValue<int>() ?? CyclePlanner.ShiftToFuture(region, calendar.LocalDate(time.GetUtcNow()).AddDays(7));
        string? Moved(string? date) => date is { Length: >= 10 } && DateOnly.TryParseExact(date[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.AddDays(shift).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date;
        var phases = (region["phases"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(p => p["key"]!.GetValue<string>(), p => (Start: Moved(p["start"]?.GetValue<string>()), Deadline: Moved(p["deadline"]?.GetValue<string>())));
        return CycleForm(View(http, calendar, antiforgery), regions, region, phases, next?["planUrl"]?.GetValue<string>(), null, null, shift, previous is { Length: > 0 } ? previous : null, next?["term"]?.GetValue<string>());
    }

    private static RazorComponentResult CycleForm(CoordinatorView view, IReadOnlyList<DirectoryDataset> regions, JsonObject region,
        IReadOnlyDictionary<string, (string? Start, string? Deadline)> dates, string? planUrl, (string Field, string Error)? error, IReadOnlyList<ScheduledItem>? preview, int shift,
        string? previous = null, string? term = null, IReadOnlyDictionary<string, bool>? consultation = null) =>
        Render<CycleFormPage>(new { View = view, Regions = regions, Region = region, Dates = dates, PlanUrl = planUrl, Error = error, Preview = preview, Shift = shift, Previous = previous, Term = term, Consultation = consultation },
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    /// <summary>One planned mail ("index:language" of the preview) rendered by the real handlers; nothing is sent.</summary>
    private static IResult PreviewMail(HttpContext http, FinnishBusinessCalendar calendar, CycleService cycles, JsonObject cycle, string asked)
    {
        var view = View(http, calendar);
        var parts = asked.Split(':');
        var items = cycles.Preview(cycle, RequestLanguage.Of(http));
        var rendered = parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < items.Count && RequestLanguage.IsSupported(parts[1])
            ? MailPreview.Render(cycle, items[index], parts[1], http.RequestServices.GetRequiredService<Approvals.ApprovalMailHandler>(), http.RequestServices.GetRequiredService<Meetings.MeetingMailHandler>())
            : null;
        return rendered is null
            ? Render<MessagePage>(new { View = view, Title = view.T("mailPreview"), Error = view.T("mailPreviewNone"), Current = "start" }, StatusCodes.Status404NotFound)
            : Render<MailPreviewPage>(new { View = view, Preview = rendered });
    }

    private static async Task<IResult> StartOrPreviewAsync(HttpContext http, IAntiforgery antiforgery, PeopleDirectory directory, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var (form, problem) = await FormAsync(http, antiforgery, cancellationToken);
        if (form is null) return problem!;
        var dataset = form["dataset"].ToString();
        var (region, regions) = await RegionAsync(directory, dataset, cancellationToken);
        if (region is null)
        {
            var view = View(http, calendar);
            return Render<MessagePage>(new { View = view, Title = view.T("start"), Error = view.T("noRegion"), Current = "start" }, StatusCodes.Status400BadRequest);
        }

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
        var previous = form["previous"].ToString() is { Length: > 0 } p ? p : null;
        // Unticked boxes are not posted: the hidden marker says the form had them.
        var consultation = form.ContainsKey("consultationSet")
            ? CyclePlanner.ConsultationGroups.ToDictionary(g => g.Option, g => form[$"consult.{g.Option}"].ToString() == "true", StringComparer.Ordinal)
            : null;
        var consultationJson = consultation is null ? null : new JsonObject(consultation.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
        var (cycle, planProblem) = previous is null
            ? await cycles.PlanAsync(new CycleRequest(dataset, overrides, planUrl, shift, consultationJson), cancellationToken)
            : await cycles.PlanNextTermAsync(previous, overrides, planUrl, cancellationToken, consultationJson);
        var term = cycle?["term"]?.GetValue<string>();
        if (cycle is null) return CycleForm(View(http, calendar, antiforgery), regions, region, dates, planUrl, (planProblem!.Field ?? "dataset", planProblem.MessageIn(RequestLanguage.Of(http))), null, shift, previous, null, consultation);
        if (form["mail"].ToString() is { Length: > 0 } asked) return PreviewMail(http, calendar, cycles, cycle, asked);
        if (form["action"].ToString() != "start") return CycleForm(View(http, calendar, antiforgery), regions, region, dates, planUrl, null, cycles.Preview(cycle, RequestLanguage.Of(http)), shift, previous, term, consultation);
        var (state, startProblem) = await cycles.StartAsync(cycle, cancellationToken);
        if (state is null) return CycleForm(View(http, calendar, antiforgery), regions, region, dates, planUrl, ("dataset", startProblem!.MessageIn(RequestLanguage.Of(http))), null, shift, previous, term, consultation);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(state.Id)}", permanent: false);
    }

    private static async Task<IResult> StopFeedsAsync(string id, HttpContext http, CycleService cycles, Microsoft.EntityFrameworkCore.IDbContextFactory<Workflows.Persistence.WorkflowsDbContext> contexts,
        FinnishBusinessCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await cycles.ExistsAsync(id, cancellationToken)) return Problem(View(http, calendar), id, "notFound", "notFound", null, StatusCodes.Status404NotFound);
        await CycleFeedPages.StopAsync(contexts, time, id, http.User.Identity?.Name, cancellationToken);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}?done=feedStopped", permanent: false);
    }

    private static async Task<IResult> DashboardAsync(string id, HttpContext http, IAntiforgery antiforgery, CycleService cycles, FinnishBusinessCalendar calendar, TimeProvider time,
        Approvals.ApprovalLinks links, PublicBaseUrl baseUrl, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var d = await cycles.DashboardAsync(id, RequestLanguage.Of(http), cancellationToken);
        if (d is null)
        {
            var view = View(http, calendar);
            return Render<MessagePage>(new { View = view, Title = view.T("notFound") }, StatusCodes.Status404NotFound);
        }

        var running = d.Status == "Running" && http.Request.Query["print"] != "1";
        var mail = await cycles.MailAsync(id, cancellationToken);
        var feed = CycleFeedPages.Address(links, baseUrl, time, id, RequestLanguage.Of(http));
        return Render<DashboardPage>(new { View = View(http, calendar, antiforgery), Dashboard = d, Now = now, Running = running, Done = http.Request.Query["done"].ToString(), Mail = mail?.Pending ?? [], Sent = mail?.Sent ?? [], Starting = mail?.Starting, FeedUrl = feed });
    }

    private static async Task<IResult> RemindAsync(string id, [FromForm] string? requestId, HttpContext http, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken) =>
        Acted(http, calendar, id, await cycles.RemindAsync(id, requestId, http.User.Identity?.Name ?? "coordinator", cancellationToken), "reminded", "notFound", "badDeadline");

    private static async Task<IResult> ExtendAsync(string id, [FromForm] string? requestId, [FromForm] string? dueAt, HttpContext http, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken) =>
        Acted(http, calendar, id, await cycles.ExtendAsync(id, requestId, dueAt, http.User.Identity?.Name ?? "coordinator", cancellationToken), "extended", "extend", "badDeadline");

    private static async Task<IResult> ParticipantAsync(string id, [FromForm] string? requestId, [FromForm] string? email, [FromForm] string? name, [FromForm] string? organisation, [FromForm] string? language, [FromForm] string? replaces,
        HttpContext http, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken) =>
        Acted(http, calendar, id, await cycles.AddOrReplaceAsync(id, requestId, new ParticipantRequest(email, name, language, organisation, replaces), http.User.Identity?.Name ?? "coordinator", cancellationToken),
            string.IsNullOrEmpty(replaces) ? "added" : "replaced", "addPerson", "badEmail");

    private static async Task<IResult> ResendAsync(string id, long mailId, [FromForm] string? email, HttpContext http, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken) =>
        Acted(http, calendar, id, await cycles.ResendMailAsync(id, mailId, email, http.User.Identity?.Name ?? "coordinator", cancellationToken), "resent", "mail", "badEmail");

    private static async Task<IResult> AddDocumentAsync(string id, [FromForm] string? url, HttpContext http, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken) =>
        Acted(http, calendar, id, await cycles.AddDocumentAsync(id, url, http.User.Identity?.Name ?? "coordinator", cancellationToken), "documentAdded", "records", "badDocumentUrl");

    /// <summary>Back to the dashboard saying what was done; or a page saying why not (the form's mistake, or a request that closed).</summary>
    private static IResult Acted(HttpContext http, FinnishBusinessCalendar calendar, string id, CycleProblem? problem, string done, string titleKey, string invalidKey) => problem switch
    {
        null => Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}?done={done}", permanent: false),
        { Kind: CycleProblemKind.Invalid } => Problem(View(http, calendar), id, titleKey, titleKey, invalidKey, StatusCodes.Status400BadRequest),
        _ => Problem(View(http, calendar), id, "notFound", "closedRequest", null, problem.Kind == CycleProblemKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict),
    };

    private static async Task<IResult> CancelAsync(string id, [FromForm] string? confirm, HttpContext http, CycleService cycles, CancellationToken cancellationToken)
    {
        if (confirm != "yes") return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}", permanent: false);
        await cycles.CancelAsync(id, cancellationToken);
        return Results.Redirect($"{http.Request.PathBase}/coordinator/cycles/{Uri.EscapeDataString(id)}?done=cancelled", permanent: false);
    }

    private static async Task<IResult> ExportAsync(string id, HttpContext http, CycleService cycles, FinnishBusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var d = await cycles.DashboardAsync(id, RequestLanguage.Of(http), cancellationToken);
        if (d is null) return Results.NotFound();
        var view = View(http, calendar);
        var csv = new StringBuilder();
        void Row(params string?[] cells) => csv.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
        Row("section", "item", "state", "start", "deadline", "person", "organisation", "answer", "answered_at");
        foreach (var p in d.Phases) Row("phase", p.Name, p.State, view.Date(p.Start), view.Date(p.Deadline), null, null, p.Outcome, p.CompletedAt is { } c ? view.Date(c) : null);
        foreach (var r in d.OpenRequests)
        {
            foreach (var s in r.Seats) Row("request", r.Title, r.Kind, null, view.Date(r.DueAt), s.Name ?? s.Email, s.Organisation, s.Answer ?? "no answer", s.AnsweredAt is { } a ? view.Date(a) : null);
        }

        foreach (var m in d.Meetings) Row("meeting", m.Title, m.Held ? "held" : m.InvitedAt is null ? "not invited" : "invited", view.Date(m.StartsAt), null, null, m.Location, null, null);
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
}

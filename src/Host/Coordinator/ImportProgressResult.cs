using System.Text.Encodings.Web;
using System.Threading.Channels;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Opiskeluhuolto.Host.Coordinator.Pages;
using Opiskeluhuolto.Planning.People;

namespace Opiskeluhuolto.Host.Coordinator;

/// <summary>
/// The import page while a file is imported: once every row has passed its checks, the page is sent in pieces — its
/// frame, a line per stage (rows checked, people saved so far) as it happens, then the outcome and the form — so a large
/// file shows how far it got rather than a silent wait. No script: the browser shows each piece as it arrives, and the
/// lines sit in a <c>role="log"</c> region that screen readers announce. An import whose rows have errors never
/// streams: it is answered 400 with every error, as before.
/// </summary>
internal sealed partial class ImportProgressResult(CoordinatorView view, ChannelReader<ImportProgress> progress, Task<ImportResult> work) : IResult
{
    /// <summary>Where the lines go in the page.</summary>
    public const string LinesMarker = "<!--import-progress-->";

    /// <summary>Where the outcome starts, and ends, in the page.</summary>
    public const string OutcomeStart = "<!--import-outcome-->", OutcomeEnd = "<!--/import-outcome-->";

    /// <summary>
    /// Runs <paramref name="import"/>; answers with <paramref name="page"/> when it ends before every row is checked
    /// (errors, 400), else with the streamed page.
    /// </summary>
    public static async Task<IResult> RunAsync(CoordinatorView view, Func<IProgress<ImportProgress>, Task<ImportResult>> import, Func<ImportResult, IResult> page, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ImportProgress>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var work = Task.Run(async () =>
        {
            try
            {
                return await import(new Reporter(channel.Writer));
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, cancellationToken);
        if (!await channel.Reader.WaitToReadAsync(cancellationToken)) return page(await work);
        return new ImportProgressResult(view, channel.Reader, work);
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var frame = await RenderAsync(httpContext, null);
        var lines = frame.IndexOf(LinesMarker, StringComparison.Ordinal);
        var outcome = frame.IndexOf(OutcomeStart, StringComparison.Ordinal);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var cancellationToken = httpContext.RequestAborted;
        await WriteAsync(response, frame[..lines], cancellationToken);
        await foreach (var step in progress.ReadAllAsync(cancellationToken)) await WriteAsync(response, Line(step), cancellationToken);

        ImportResult result;
        try
        {
            result = await work;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The status line is already sent: the failure is said in the page (nothing was stored: one transaction).
            LogBroken(httpContext.RequestServices.GetRequiredService<ILogger<ImportProgressResult>>(), e);
            await WriteAsync(response, $"<p class=\"error\">{Encode(view.T("importBroken"))}</p>", cancellationToken);
            await WriteAsync(response, frame[(lines + LinesMarker.Length)..], cancellationToken);
            return;
        }

        var done = await RenderAsync(httpContext, result);
        var start = done.IndexOf(OutcomeStart, StringComparison.Ordinal) + OutcomeStart.Length;
        await WriteAsync(response, frame[(lines + LinesMarker.Length)..outcome], cancellationToken);
        await WriteAsync(response, done[start..done.IndexOf(OutcomeEnd, start, StringComparison.Ordinal)], cancellationToken);
        await WriteAsync(response, frame[outcome..], cancellationToken);
    }

    private string Line(ImportProgress step) => "<p>" + Encode(step.Stage == ImportStage.Checked ? view.F("importChecked", step.Done) : view.F("importSaving", step.Done, step.Total)) + "</p>\n";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static async Task WriteAsync(HttpResponse response, string html, CancellationToken cancellationToken)
    {
        await response.WriteAsync(html, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private async Task<string> RenderAsync(HttpContext http, ImportResult? result)
    {
        await using var renderer = new HtmlRenderer(http.RequestServices, http.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = new Dictionary<string, object?> { [nameof(ImportPage.View)] = view, [nameof(ImportPage.Result)] = result, [nameof(ImportPage.Streaming)] = true };
            return (await renderer.RenderComponentAsync<ImportPage>(ParameterView.FromDictionary(parameters))).ToHtmlString();
        });
    }

    /// <summary>Hands each step to the channel in the order it happened (<see cref="Progress{T}"/> would post them to the thread pool, unordered).</summary>
    private sealed class Reporter(ChannelWriter<ImportProgress> writer) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => writer.TryWrite(value);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An import broke off after its rows were checked; nothing was stored")]
    private static partial void LogBroken(ILogger logger, Exception exception);
}

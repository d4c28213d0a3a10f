using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Opiskeluhuolto.Notifications.Templates;

/// <summary>
/// The participant mail templates (Liquid): reminder, invitation, approval-request, escalation, decision-result,
/// digest and inbox-link, in Finnish, Swedish and English. Values are HTML-encoded in bodies; dates are shown in Helsinki time
/// (<c>19.4.2023</c>, <c>klo 9.00</c> / <c>kl. 9.00</c>).
/// </summary>
public sealed class MailTemplates
{
    /// <summary>Template kinds.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["reminder", "invitation", "approval-request", "statement-request", "task-request", "meeting-reminder", "escalation", "decision-result", "digest", "inbox-link"];

    /// <summary>Languages.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fi", "sv", "en"];

    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
    private readonly Dictionary<(string Kind, string Language), (IFluidTemplate Subject, IFluidTemplate Body)> _templates = [];
    private readonly TemplateOptions _options = new() { MaxSteps = 100_000, MaxRecursion = 16 };

    /// <summary>Loads and parses every template (a broken template fails at start-up, not when a mail is due).</summary>
    public MailTemplates()
    {
        var parser = new FluidParser();
        var assembly = typeof(MailTemplates).Assembly;
        foreach (var kind in Kinds)
        {
            foreach (var language in Languages)
            {
                var text = Read(assembly, $"{kind}.{language}.liquid");
                var newline = text.IndexOf('\n', StringComparison.Ordinal);
                var subject = parser.Parse(text[..newline].Trim());
                var body = parser.Parse(text[(newline + 1)..]);
                _templates[(kind, language)] = (subject, body);
            }
        }

        _options.Filters.AddFilter("local_date", (input, _, context) => new StringValue(Format(input, context, time: false)));
        _options.Filters.AddFilter("local_time", (input, _, context) => new StringValue(Format(input, context, time: true)));
        _options.MemberAccessStrategy.IgnoreCasing = true;
    }

    /// <summary>Renders a template; an unknown language falls back to Finnish.</summary>
    public RenderedMail Render(string kind, string? language, IDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lang = language is not null && Languages.Contains(language) ? language : "fi";
        if (!_templates.TryGetValue((kind, lang), out var template))
            throw new ArgumentException($"Unknown mail template '{kind}'. Known: {string.Join(", ", Kinds)}.", nameof(kind));
        var context = new TemplateContext(_options);
        context.AmbientValues["language"] = lang;
        foreach (var (key, value) in model) context.SetValue(key, value);
        var subject = template.Subject.Render(context, NullEncoder.Default).Trim();
        var body = template.Body.Render(context, HtmlEncoder.Default);
        return new RenderedMail(subject, body);
    }

    private static string Format(FluidValue input, TemplateContext context, bool time)
    {
        var value = input.ToObjectValue();
        DateTimeOffset? instant = value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(d, TimeSpan.Zero),
            string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
            _ => null,
        };
        if (instant is null) return input.ToStringValue();
        var local = TimeZoneInfo.ConvertTime(instant.Value, Helsinki);
        var language = context.AmbientValues.TryGetValue("language", out var l) ? l as string : "fi";
        return (time, language) switch
        {
            (false, "en") => local.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")),
            (false, _) => local.ToString("d.M.yyyy", CultureInfo.InvariantCulture),
            (true, "fi") => "klo " + local.ToString("H.mm", CultureInfo.InvariantCulture),
            (true, "sv") => "kl. " + local.ToString("H.mm", CultureInfo.InvariantCulture),
            (true, _) => local.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }

    private static string Read(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

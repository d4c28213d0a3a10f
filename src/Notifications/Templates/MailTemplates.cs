using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace Opiskeluhuolto.Notifications.Templates;

/// <summary>
/// The participant mail templates (Liquid), one per kind and language, each with an HTML body and a plain-text twin
/// that carries every link: <c>{kind}.{lang}.txt.liquid</c> (its first line is the subject) and
/// <c>{kind}.{lang}.html.liquid</c>, framed by <c>_layout.{lang}.*.liquid</c> (salutation and signature). Data values
/// never get inflected: sentences are built around the template's own nouns and the values stand in a labelled block.
/// Values are HTML-encoded in the HTML part; dates are local (<c>ti 20.10.2026</c>, <c>klo 16.00</c>).
/// </summary>
public sealed partial class MailTemplates
{
    /// <summary>Template kinds.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "approval-request", "statement-request", "task-request", "approval-reminder", "statement-reminder", "task-reminder", "reminder",
        "invitation", "meeting-reminder", "escalation", "decision-result", "digest", "inbox-link", "plan-approved",
    ];

    /// <summary>Languages.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fi", "sv", "en"];

    private static readonly string[] FinnishWeekdays = ["su", "ma", "ti", "ke", "to", "pe", "la"];
    private static readonly string[] FinnishWeekdaysEssive = ["sunnuntaina", "maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina", "lauantaina"];
    private static readonly string[] SwedishWeekdays = ["sön", "mån", "tis", "ons", "tors", "fre", "lör"];
    private static readonly string[] SwedishWeekdaysLong = ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"];
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    // Markup characters are encoded; Finnish and Swedish letters are written as they are.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly TimeZoneInfo _timeZone;
    private readonly Dictionary<(string Kind, string Language), Template> _templates = [];
    private readonly Dictionary<string, (IFluidTemplate Text, IFluidTemplate Html)> _layouts = [];
    private readonly TemplateOptions _options = new() { MaxSteps = 100_000, MaxRecursion = 16 };

    /// <summary>Loads and parses every template (a broken template fails at start-up, not when a mail is due); dates in Helsinki time.</summary>
    public MailTemplates()
        : this(TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki"))
    {
    }

    /// <summary>Loads and parses every template; dates are shown in <paramref name="timeZone"/>.</summary>
    public MailTemplates(TimeZoneInfo timeZone)
    {
        _timeZone = timeZone;
        var parser = new FluidParser();
        var assembly = typeof(MailTemplates).Assembly;
        IFluidTemplate Parse(string file)
        {
            var source = Read(assembly, file);
            return parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException($"Mail template {file}: {error}");
        }

        foreach (var language in Languages)
        {
            _layouts[language] = (Parse($"_layout.{language}.txt.liquid"), Parse($"_layout.{language}.html.liquid"));
            foreach (var kind in Kinds)
            {
                var text = Read(assembly, $"{kind}.{language}.txt.liquid");
                var newline = text.IndexOf('\n', StringComparison.Ordinal);
                var subject = parser.Parse(text[..newline].Trim());
                _templates[(kind, language)] = new Template(subject, parser.Parse(text[(newline + 1)..]), Parse($"{kind}.{language}.html.liquid"));
            }
        }

        _options.Filters.AddFilter("local_date", (input, _, context) => new StringValue(Format(input, context, "date")));
        _options.Filters.AddFilter("short_date", (input, _, context) => new StringValue(Format(input, context, "short")));
        _options.Filters.AddFilter("long_date", (input, _, context) => new StringValue(Format(input, context, "long")));
        _options.Filters.AddFilter("local_time", (input, _, context) => new StringValue(Format(input, context, "time")));
        _options.Filters.AddFilter("clock", (input, _, context) => new StringValue(Format(input, context, "clock")));
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
        var subject = Spaces().Replace(template.Subject.Render(context, NullEncoder.Default), " ").Trim();
        var (textLayout, htmlLayout) = _layouts[lang];

        context.SetValue("subject", subject);
        context.SetValue("content", new StringValue(Paragraphs(template.Text.Render(context, NullEncoder.Default)) + "\n", encode: false));
        var text = Paragraphs(textLayout.Render(context, NullEncoder.Default)) + "\n";
        context.SetValue("content", new StringValue(template.Html.Render(context, Html), encode: false));
        var html = htmlLayout.Render(context, Html);
        return new RenderedMail(subject, html, text);
    }

    /// <summary>Trailing spaces go, and paragraphs left empty by a condition do not leave a gap.</summary>
    private static string Paragraphs(string text) =>
        BlankLines().Replace(string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())), "\n\n").Trim('\n');

    private string Format(FluidValue input, TemplateContext context, string format)
    {
        var value = input.ToObjectValue();
        DateTimeOffset? instant = value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
            _ => null,
        };
        if (instant is null) return input.ToStringValue();
        var local = TimeZoneInfo.ConvertTime(instant.Value, _timeZone);
        var language = context.AmbientValues.TryGetValue("language", out var l) ? l as string : "fi";
        var date = local.ToString("d.M.yyyy", CultureInfo.InvariantCulture);
        var day = (int)local.DayOfWeek;
        return (format, language) switch
        {
            ("date", "en") => local.ToString("d MMMM yyyy", English),
            ("date", _) => date,
            ("short", "fi") => $"{FinnishWeekdays[day]} {date}",
            ("short", "sv") => $"{SwedishWeekdays[day]} {date}",
            ("short", _) => local.ToString("ddd d MMM yyyy", English),
            ("long", "fi") => $"{FinnishWeekdaysEssive[day]} {date}",
            ("long", "sv") => $"{SwedishWeekdaysLong[day]} {date}",
            ("long", _) => local.ToString("dddd d MMMM yyyy", English),
            ("time", "fi") => "klo " + local.ToString("H.mm", CultureInfo.InvariantCulture),
            ("time", "sv") => "kl. " + local.ToString("H.mm", CultureInfo.InvariantCulture),
            ("clock", "fi" or "sv") => local.ToString("H.mm", CultureInfo.InvariantCulture),
            _ => local.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }

    private static string Read(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed record Template(IFluidTemplate Subject, IFluidTemplate Text, IFluidTemplate Html);
}

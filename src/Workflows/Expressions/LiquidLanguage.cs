using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>Liquid templates on Fluid with Elsa's model (<c>Variables</c>, <c>Input</c>, identity members) and filters (<c>base64</c>, <c>keys</c>).</summary>
public sealed class LiquidLanguage : IExpressionLanguage
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new(StringComparer.Ordinal);
    private readonly ScriptOptions _options;
    private readonly TemplateOptions _templateOptions;

    /// <summary>Creates the language.</summary>
    public LiquidLanguage(IOptions<ScriptOptions> options, TimeProvider timeProvider, WorkflowTimeZone timeZone)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeZone);
        _options = options.Value;
        _templateOptions = new TemplateOptions
        {
            MaxSteps = _options.MaxLiquidSteps,
            MaxRecursion = 32,
            Now = () => timeProvider.GetUtcNow(),
            TimeZone = timeZone.Zone,
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
        };
        _templateOptions.Filters.AddFilter("base64", (input, _, _) => new StringValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(input.ToStringValue()))));
        _templateOptions.Filters.AddFilter("keys", (input, _, context) => input.ToObjectValue() switch
        {
            IFluidIndexable indexable => FluidValue.Create(indexable.Keys.ToList(), context.Options),
            IDictionary<string, object?> dictionary => FluidValue.Create(dictionary.Keys.ToList(), context.Options),
            _ => NilValue.Instance,
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Types { get; } = ["Liquid"];

    /// <inheritdoc />
    public string? Validate(InputExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Text;
        if (text.Length > _options.MaxScriptLength) return $"The template is longer than {_options.MaxScriptLength} characters.";
        return Parser.TryParse(text, out _, out var error) ? null : $"Liquid syntax error: {error}";
    }

    /// <inheritdoc />
    public async ValueTask<object?> EvaluateAsync(InputExpression expression, ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);
        var text = expression.Text;
        if (text.Length > _options.MaxScriptLength) throw new ExpressionException($"The template is longer than {_options.MaxScriptLength} characters.");
        if (!_cache.TryGetValue(text, out var template))
        {
            if (!Parser.TryParse(text, out template, out var error)) return error;
            if (_cache.Count < 10_000) _cache[text] = template;
        }

        var workflow = context.Workflow;
        var variables = context.VisibleVariables().ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        var input = new Dictionary<string, object?>(workflow.Input, StringComparer.OrdinalIgnoreCase);
        if (context.Ancestors.FirstOrDefault(a => a.Activity is Activities.Composition.WorkflowDefinitionActivity) is { } composite)
        {
            input.Clear();
            foreach (var slot in composite.Variables.Values) input[slot.Name] = slot.Value;
        }

        foreach (var (k, v) in context.ActivityInput) input[k] = Values.DynamicJson.FromNode(v);
        var templateContext = new TemplateContext(_templateOptions);
        templateContext.SetValue("Variables", variables);
        templateContext.SetValue("Input", input);
        templateContext.SetValue("WorkflowInstanceId", workflow.InstanceId);
        templateContext.SetValue("CorrelationId", workflow.CorrelationId);
        templateContext.SetValue("WorkflowDefinitionId", workflow.Definition.DefinitionId);
        templateContext.SetValue("WorkflowDefinitionVersionId", workflow.Definition.Id);
        templateContext.SetValue("WorkflowDefinitionVersion", workflow.Definition.Version);
        try
        {
            TextEncoder encoder = _options.LiquidHtmlEncode ? HtmlEncoder.Default : NullEncoder.Default;
            return await template.RenderAsync(templateContext, encoder);
        }
        catch (InvalidOperationException e)
        {
            throw new ExpressionException($"Liquid template error: {e.Message}", e);
        }
    }
}

using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>JavaScript expressions on Jint with Elsa's globals, sandboxed by <see cref="ScriptOptions"/>.</summary>
public sealed partial class JavaScriptLanguage(IOptions<ScriptOptions> options, IEnumerable<IScriptFunctions> hostFunctions) : IExpressionLanguage
{
    private static readonly ScriptParsingOptions ParsingOptions = new() { AllowReturnOutsideFunction = true };
    private readonly ScriptOptions _options = options.Value;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> _prepared = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IScriptFunctions> _hostFunctions = hostFunctions.ToList();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>?> _names = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<string> Types { get; } = ["JavaScript"];

    /// <inheritdoc />
    public string? Validate(InputExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var script = expression.Text;
        if (script.Length > _options.MaxScriptLength) return $"The script is longer than {_options.MaxScriptLength} characters.";
        try
        {
            Engine.PrepareScript(script, options: new ScriptPreparationOptions { ParsingOptions = ParsingOptions });
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"JavaScript syntax error: {e.Message}";
        }
    }

    /// <inheritdoc />
    public ValueTask<object?> EvaluateAsync(InputExpression expression, ActivityExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);
        var script = expression.Text;
        if (string.IsNullOrWhiteSpace(script)) return ValueTask.FromResult<object?>(null);
        if (script.Length > _options.MaxScriptLength) throw new ExpressionException($"The script is longer than {_options.MaxScriptLength} characters.");

        var engine = new Engine(o =>
        {
            o.MaxStatements(_options.MaxStatements);
            o.Constraint(new ScriptDeadline(_options.Timeout));
            o.LimitMemory(_options.MemoryLimitBytes);
            o.LimitRecursion(_options.RecursionLimit);
            o.CancellationToken(cancellationToken);
            o.Strict = false;
        });
        var variablesObject = ConfigureGlobals(engine, context, script);
        try
        {
            var result = engine.Evaluate(Prepare(script));
            result = result.UnwrapIfPromise();
            WriteBackVariables(variablesObject, context);
            return ValueTask.FromResult(FromJs(result));
        }
        catch (JavaScriptException e)
        {
            throw new ExpressionException($"JavaScript error: {e.Message}", e);
        }
        catch (StatementsCountOverflowException e)
        {
            throw new ExpressionException($"The script ran more than {_options.MaxStatements} statements.", e);
        }
        catch (TimeoutException e)
        {
            throw new ExpressionException($"The script ran longer than {_options.Timeout.TotalSeconds:0.#} s.", e);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new ExpressionException("The script used too much memory.", e);
        }
        catch (RecursionDepthOverflowException e)
        {
            throw new ExpressionException("The script recursed too deeply.", e);
        }
        catch (Acornima.ParseErrorException e)
        {
            throw new ExpressionException($"JavaScript syntax error: {e.Message}", e);
        }
        catch (JintException e)
        {
            throw new ExpressionException($"JavaScript error: {e.Message}", e);
        }
    }

    private Prepared<Acornima.Ast.Script> Prepare(string script)
    {
        if (_prepared.TryGetValue(script, out var prepared)) return prepared;
        prepared = Engine.PrepareScript(script, options: new ScriptPreparationOptions { ParsingOptions = ParsingOptions });
        if (_prepared.Count < 10_000) _prepared[script] = prepared;
        return prepared;
    }

    private ObjectInstance ConfigureGlobals(Engine engine, ActivityExecutionContext context, string script)
    {
        var workflow = context.Workflow;
        var visible = context.VisibleVariables();
        // Only the globals the script names are defined (building ~40 delegates per evaluation was most of its cost).
        var names = NamesIn(script);
        void Define(string name, Delegate function)
        {
            if (names is null || names.Contains(name)) engine.SetValue(name, function);
        }

        var variables = new JsObject(engine);
        foreach (Match m in VariableReference().Matches(script))
        {
            var name = m.Groups[1].Value;
            if (visible.TryGetValue(name, out var slot)) variables.Set(name, ToJs(engine, slot.Value));
        }

        engine.SetValue("variables", variables);
        Define("getVariable", new Func<string, JsValue>(name => ToJs(engine, context.FindVariableByName(name)?.Value)));
        Define("setVariable", new Action<string, JsValue>((name, value) => context.SetVariable(name, FromJs(value))));
        foreach (var (name, slot) in visible)
        {
            if (!IsIdentifier(name)) continue;
            var pascal = Serialization.ActivityJson.Pascal(name);
            Define("get" + pascal, new Func<JsValue>(() => ToJs(engine, slot.Value)));
            Define("set" + pascal, new Action<JsValue>(v => slot.Set(FromJs(v))));
        }

        Define("getInput", new Func<string, JsValue>(name => ToJs(engine, context.GetWorkflowInput(name))));
        foreach (var input in workflow.Definition.Inputs)
        {
            if (IsIdentifier(input.Name))
                Define("get" + Serialization.ActivityJson.Pascal(input.Name), new Func<JsValue>(() => ToJs(engine, workflow.Input.GetValueOrDefault(input.Name))));
        }

        Define("getOutputFrom", new Func<string, string?, JsValue>((activity, output) => ToJs(engine, workflow.GetOutputFrom(activity, output))));
        if (names is null || names.Any(n => n.StartsWith("get", StringComparison.Ordinal) && n.Contains("From", StringComparison.Ordinal)))
        {
            foreach (var (accessor, target) in OutputAccessors.Of(workflow.Graph, workflow.Services.Registry))
                Define(accessor, new Func<JsValue>(() => ToJs(engine, workflow.GetOutputFrom(target.ActivityId, target.OutputName))));
        }

        Define("getLastResult", new Func<JsValue>(() => ToJs(engine, workflow.LastResult)));
        Define("getWorkflowInstanceId", new Func<string>(() => workflow.InstanceId));
        Define("getWorkflowDefinitionId", new Func<string>(() => workflow.Definition.DefinitionId));
        Define("getWorkflowDefinitionVersionId", new Func<string>(() => workflow.Definition.Id));
        Define("getWorkflowDefinitionVersion", new Func<int>(() => workflow.Definition.Version));
        Define("getCorrelationId", new Func<string?>(() => workflow.CorrelationId));
        Define("setCorrelationId", new Action<string?>(v => workflow.CorrelationId = v));
        Define("getWorkflowInstanceName", new Func<string?>(() => workflow.Name));
        Define("setWorkflowInstanceName", new Action<string?>(v => workflow.Name = v));
        Define("isNullOrWhiteSpace", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || string.IsNullOrWhiteSpace(v.ToString())));
        Define("isNullOrEmpty", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || string.IsNullOrEmpty(v.ToString())));
        Define("toJson", new Func<JsValue, string>(v => ToPascalJson(FromJs(v))));
        Define("parseGuid", new Func<string, string>(s => Guid.Parse(s).ToString()));
        Define("newGuid", new Func<string>(() => Guid.NewGuid().ToString()));
        Define("newGuidString", new Func<string>(() => Guid.NewGuid().ToString()));
        Define("getGuidString", new Func<string>(() => Guid.NewGuid().ToString()));
        Define("newShortGuid", new Func<string>(NewShortGuid));
        Define("getShortGuid", new Func<string>(NewShortGuid));
        Define("stringToBase64", new Func<string, string>(s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s))));
        Define("stringFromBase64", new Func<string, string>(s => Encoding.UTF8.GetString(Convert.FromBase64String(s))));
        Define("bytesToBase64", new Func<JsValue, string>(v => Convert.ToBase64String(ToBytes(v))));
        Define("bytesFromBase64", new Func<string, JsValue>(s => ToJs(engine, Convert.FromBase64String(s).Select(b => (object?)(long)b).ToList())));
        Define("bytesToString", new Func<JsValue, string>(v => Encoding.UTF8.GetString(ToBytes(v))));
        Define("bytesFromString", new Func<string, JsValue>(s => ToJs(engine, Encoding.UTF8.GetBytes(s).Select(b => (object?)(long)b).ToList())));
        if (context.Transient.GetValueOrDefault(Activities.Primitives.RunJavaScript.OutcomesKey) is List<string> outcomes)
        {
            // Run JavaScript: the outcomes the script chooses.
            Define("setOutcome", new Action<string>(name =>
            {
                outcomes.Clear();
                outcomes.Add(name);
            }));
            Define("setOutcomes", new Action<JsValue>(value =>
            {
                outcomes.Clear();
                var given = FromJs(value);
                if (given is string one) outcomes.Add(one);
                else if (given is IEnumerable<object?> names) outcomes.AddRange(names.OfType<string>());
            }));
        }

        if (context.Transient.GetValueOrDefault("ScriptArguments") is IDictionary<string, object?> arguments)
        {
            foreach (var (name, value) in arguments)
                Define("get" + Serialization.ActivityJson.Pascal(name), new Func<JsValue>(() => ToJs(engine, value)));
        }

        foreach (var provider in _hostFunctions)
        {
            foreach (var (name, function) in provider.Functions)
                if (names is null || names.Contains(name)) engine.SetValue(name, new ClrFunction(engine, name, (_, args) => ToJs(engine, function(context, args.Select(FromJs).ToArray()))));
        }

        return variables;
    }

    /// <summary>
    /// The identifiers a script mentions, or null when it may reach globals by a computed name (<c>globalThis[…]</c>,
    /// <c>this[…]</c>, <c>eval</c>, <c>Function</c>): then every global is defined.
    /// </summary>
    private HashSet<string>? NamesIn(string script)
    {
        if (_names.TryGetValue(script, out var names)) return names;
        names = [];
        foreach (Match m in Word().Matches(script)) names.Add(m.Value);
        if (names.Contains("globalThis") || names.Contains("eval") || names.Contains("Function") || script.Contains("this[", StringComparison.Ordinal)) names = null;
        if (_names.Count < 10_000) _names[script] = names;
        return names;
    }

    private static void WriteBackVariables(ObjectInstance variables, ActivityExecutionContext context)
    {
        var inputNames = context.Workflow.Definition.Inputs.Select(i => i.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in variables.GetOwnPropertyKeys())
        {
            var name = key.ToString();
            if (inputNames.Contains(name)) continue;
            var value = FromJs(variables.Get(key));
            var existing = context.FindVariableByName(name);
            if (existing is not null && Equals(existing.Value, value)) continue;
            context.SetVariable(name, value);
        }
    }

    /// <summary>Converts a dynamic value to JavaScript.</summary>
    internal static JsValue ToJs(Engine engine, object? value)
    {
        switch (value)
        {
            case null:
                return JsValue.Null;
            case string s:
                return new JsString(s);
            case bool b:
                return b ? JsBoolean.True : JsBoolean.False;
            case long or int or short or double or float or decimal:
                return new JsNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case DateTimeOffset or DateTime or TimeSpan or Guid or Uri or Enum:
                return new JsString(Convert.ToString(value is DateTimeOffset d ? d.ToString("O", CultureInfo.InvariantCulture) : value is TimeSpan t ? t.ToString("c", CultureInfo.InvariantCulture) : value, CultureInfo.InvariantCulture)!);
            case IDictionary<string, object?> dict:
                return new LazyJsObject(engine, dict);
            case IDictionary dictionary:
                var o2 = new JsObject(engine);
                foreach (DictionaryEntry e in dictionary) o2.Set(Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, ToJs(engine, e.Value));
                return o2;
            case IEnumerable enumerable:
                return new JsArray(engine, enumerable.Cast<object?>().Select(v => ToJs(engine, v)).ToArray());
            default:
                return ToJs(engine, DynamicJson.FromNode(DynamicJson.ToNode(value)));
        }
    }

    /// <summary>Converts a JavaScript value to the dynamic value model.</summary>
    internal static object? FromJs(JsValue value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsString s:
                return s.ToString();
            case JsBoolean b:
                return b.AsBoolean();
            case JsNumber n:
                var d = n.AsNumber();
                return double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (object)(long)d : d;
            case JsArray a:
                var list = new List<object?>((int)a.Length);
                for (uint i = 0; i < a.Length; i++) list.Add(FromJs(a.Get(i)));
                return list;
            case JsDate date:
                return new DateTimeOffset(date.ToDateTime(), TimeSpan.Zero);
            case ObjectWrapper wrapper:
                return wrapper.Target;
            case ObjectInstance obj when obj is not Jint.Native.Function.Function:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String)) dict[key.ToString()] = FromJs(obj.Get(key));
                return dict;
            default:
                return value.IsNull() || value.IsUndefined() ? null : value.ToString();
        }
    }

    private static byte[] ToBytes(JsValue v) => FromJs(v) switch
    {
        List<object?> list => list.Select(x => Convert.ToByte(x, CultureInfo.InvariantCulture)).ToArray(),
        string s => Encoding.UTF8.GetBytes(s),
        _ => [],
    };

    private static string ToPascalJson(object? value) => JsonSerializer.Serialize(Pascalize(value), PascalJson);

    private static readonly JsonSerializerOptions PascalJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static object? Pascalize(object? value) => value switch
    {
        IDictionary<string, object?> d => d.ToDictionary(p => Serialization.ActivityJson.Pascal(p.Key), p => Pascalize(p.Value)),
        List<object?> l => l.Select(Pascalize).ToList(),
        _ => value,
    };

    private static string NewShortGuid() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Replace("/", "_", StringComparison.Ordinal).Replace("+", "-", StringComparison.Ordinal)[..22];

    private static bool IsIdentifier(string name) => Identifier().IsMatch(name);

    [GeneratedRegex(@"variables\.(\w+)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"[A-Za-z_$][A-Za-z0-9_$]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex Identifier();
}

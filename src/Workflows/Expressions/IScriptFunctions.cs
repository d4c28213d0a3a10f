using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>Extra JavaScript functions a host provides (e.g. <c>createEventTriggerUrl</c>, which needs the server's base URL and signing keys).</summary>
public interface IScriptFunctions
{
    /// <summary>Function name to implementation; arguments arrive as dynamic values.</summary>
    IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions { get; }
}

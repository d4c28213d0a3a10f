using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>Extra JavaScript functions a host provides (e.g. <c>createEventTriggerUrl</c>, which needs the server's base URL and signing keys).</summary>
public interface IScriptFunctions
{
    /// <summary>Function name to implementation; arguments arrive as dynamic values.</summary>
    IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions { get; }

    /// <summary>
    /// TypeScript signatures of the functions for the Studio's editor (name → <c>(date: string, days: number): string</c>);
    /// a function without one is declared as taking anything.
    /// </summary>
    IReadOnlyDictionary<string, string> Declarations => new Dictionary<string, string>();
}

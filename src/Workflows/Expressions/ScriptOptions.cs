namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>Sandbox limits for JavaScript and Liquid expressions.</summary>
public sealed class ScriptOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Scripts";

    /// <summary>Maximum JavaScript statements per evaluation.</summary>
    public int MaxStatements { get; set; } = 100_000;

    /// <summary>Maximum wall time per evaluation.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Maximum memory a JavaScript evaluation may allocate, in bytes.</summary>
    public long MemoryLimitBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Maximum JavaScript call depth.</summary>
    public int RecursionLimit { get; set; } = 128;

    /// <summary>Maximum script or template length in characters.</summary>
    public int MaxScriptLength { get; set; } = 64 * 1024;

    /// <summary>Maximum Liquid steps per render.</summary>
    public int MaxLiquidSteps { get; set; } = 100_000;

    /// <summary>HTML-encode Liquid output (Elsa's default is no encoding).</summary>
    public bool LiquidHtmlEncode { get; set; }
}

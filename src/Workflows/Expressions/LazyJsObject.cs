using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>
/// A JavaScript object whose properties are converted from a .NET dictionary when the script first looks at it.
/// </summary>
/// <remarks>
/// A script reading <c>getInput('Cycle').title.fi</c> touches two of a cycle's many nested objects; converting the whole
/// tree up front was most of such an evaluation's time and allocation. Every property operation (reads, keys, spread,
/// <c>JSON.stringify</c>, writes, deletes) initialises the object first, so it behaves as the eagerly converted object did.
/// </remarks>
internal sealed class LazyJsObject : ObjectInstance
{
    private IDictionary<string, object?>? _source;

    public LazyJsObject(Engine engine, IDictionary<string, object?> source) : base(engine) => _source = source;

    /// <inheritdoc />
    protected override void Initialize()
    {
        var source = _source;
        _source = null;
        if (source is null) return;
        foreach (var (name, value) in source)
            FastSetProperty(name, new PropertyDescriptor(JavaScriptLanguage.ToJs(_engine, value), PropertyFlag.ConfigurableEnumerableWritable));
    }
}

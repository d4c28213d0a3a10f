using Opiskeluhuolto.Planning.Texts;

namespace Opiskeluhuolto.Planning.People;

/// <summary>The errors of one import by field, as texts to say in any language; nothing may be stored when there is any.</summary>
public sealed class ImportErrors
{
    private readonly Dictionary<string, List<ProblemText>> _byField = [];

    /// <summary>How many fields have an error.</summary>
    public int Count => _byField.Count;

    /// <summary>Records that <paramref name="field"/> is wrong, by text code.</summary>
    public void Add(string field, string code, params object?[] args)
    {
        if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
        list.Add(new ProblemText(code, args));
    }

    /// <summary>The result of an import that stored nothing: the errors in English (the API's answer) and as texts.</summary>
    public ImportResult Result(string source) =>
        new(source, 0, [], _byField.ToDictionary(e => e.Key, e => e.Value.Select(t => t.In("en")).ToArray())) { Problems = _byField.ToDictionary(e => e.Key, e => e.Value.ToArray()) };
}

using System.Dynamic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Values;

/// <summary>Elsa's type aliases (<c>String</c>, <c>Int32</c>, <c>List&lt;String&gt;</c>, …) and their CLR types.</summary>
public static class TypeAliases
{
    private static readonly Dictionary<string, Type> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["String"] = typeof(string), ["Boolean"] = typeof(bool), ["Int16"] = typeof(short), ["Int32"] = typeof(int),
        ["Int64"] = typeof(long), ["Long"] = typeof(long), ["Single"] = typeof(float), ["Double"] = typeof(double),
        ["Decimal"] = typeof(decimal), ["Object"] = typeof(object), ["ByteArray"] = typeof(byte[]), ["Guid"] = typeof(Guid),
        ["DateTime"] = typeof(DateTime), ["DateTimeOffset"] = typeof(DateTimeOffset), ["TimeSpan"] = typeof(TimeSpan),
        ["Stream"] = typeof(Stream), ["JSON"] = typeof(ExpandoObject), ["JsonElement"] = typeof(JsonElement),
        ["JsonNode"] = typeof(JsonNode), ["JsonObject"] = typeof(JsonObject), ["JsonArray"] = typeof(JsonArray),
        ["StringDictionary"] = typeof(IDictionary<string, string>), ["ObjectDictionary"] = typeof(IDictionary<string, object>),
        ["StringMap"] = typeof(Dictionary<string, string>), ["ObjectMap"] = typeof(Dictionary<string, object>),
        ["Uri"] = typeof(Uri), ["FlowJoinMode"] = typeof(FlowJoinMode),
    };

    private static readonly Dictionary<Type, string> Reverse = new()
    {
        [typeof(string)] = "String", [typeof(bool)] = "Boolean", [typeof(short)] = "Int16", [typeof(int)] = "Int32",
        [typeof(long)] = "Int64", [typeof(float)] = "Single", [typeof(double)] = "Double", [typeof(decimal)] = "Decimal",
        [typeof(object)] = "Object", [typeof(byte[])] = "ByteArray", [typeof(Guid)] = "Guid", [typeof(DateTime)] = "DateTime",
        [typeof(DateTimeOffset)] = "DateTimeOffset", [typeof(TimeSpan)] = "TimeSpan", [typeof(ExpandoObject)] = "JSON",
        [typeof(IDictionary<string, string>)] = "StringDictionary", [typeof(IDictionary<string, object>)] = "ObjectDictionary",
    };

    private static readonly string[] CollectionPrefixes =
        ["List", "IEnumerable", "ICollection", "IList", "IReadOnlyCollection", "IReadOnlyList", "ISet", "HashSet", "Collection"];

    /// <summary>Resolves an alias or (simple) assembly-qualified name; null if unknown.</summary>
    public static Type? Resolve(string? typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName)) return null;
        var name = typeName.Trim();
        if (name.StartsWith("UnregisteredClrType:", StringComparison.Ordinal)) name = name["UnregisteredClrType:".Length..];
        if (name.EndsWith('?'))
        {
            var inner = Resolve(name[..^1]);
            return inner is { IsValueType: true } ? typeof(Nullable<>).MakeGenericType(inner) : inner;
        }

        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = Resolve(name[..^2]);
            return element?.MakeArrayType();
        }

        var lt = name.IndexOf('<', StringComparison.Ordinal);
        if (lt > 0 && name.EndsWith('>'))
        {
            var prefix = name[..lt];
            var element = Resolve(name[(lt + 1)..^1]);
            if (element is null || !CollectionPrefixes.Contains(prefix, StringComparer.Ordinal)) return null;
            return prefix is "HashSet" or "ISet" ? typeof(HashSet<>).MakeGenericType(element) : typeof(List<>).MakeGenericType(element);
        }

        if (Aliases.TryGetValue(name, out var type)) return type;

        // Assembly-qualified or namespaced CLR names: match by short class name.
        var shortName = name.Split(',')[0].Trim();
        shortName = shortName[(shortName.LastIndexOf('.') + 1)..];
        if (Aliases.TryGetValue(shortName, out type)) return type;
        return null;
    }

    /// <summary>The variable's CLR type (array when <see cref="VariableDefinition.IsArray"/>).</summary>
    public static Type? ResolveVariable(string? typeName, bool isArray)
    {
        var type = Resolve(typeName);
        if (type is null || !isArray) return type;
        if (type.IsArray || (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type.IsGenericType)) return type;
        return type.MakeArrayType();
    }

    /// <summary>The alias to write for a CLR type.</summary>
    public static string AliasOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Reverse.TryGetValue(type, out var alias)) return alias;
        if (Nullable.GetUnderlyingType(type) is { } underlying) return AliasOf(underlying) + "?";
        if (type.IsArray) return AliasOf(type.GetElementType()!) + "[]";
        if (type.IsGenericType && type.GetGenericArguments().Length == 1) return $"List<{AliasOf(type.GetGenericArguments()[0])}>";
        if (type.IsEnum) return type.Name;
        return "Object";
    }

    /// <summary>All primitive aliases Studio offers for variables.</summary>
    public static IReadOnlyList<(string TypeName, string Category)> VariableTypes { get; } =
    [
        ("Object", "Primitives"), ("String", "Primitives"), ("Boolean", "Primitives"), ("Int32", "Primitives"), ("Int64", "Primitives"),
        ("Single", "Primitives"), ("Double", "Primitives"), ("Decimal", "Primitives"), ("Guid", "Primitives"), ("DateTime", "Primitives"),
        ("DateTimeOffset", "Primitives"), ("TimeSpan", "Primitives"), ("StringDictionary", "Lookups"), ("ObjectDictionary", "Lookups"),
        ("JSON", "Dynamic"), ("JsonElement", "Dynamic"), ("JsonNode", "Dynamic"), ("JsonObject", "Dynamic"), ("ByteArray", "Data"),
    ];
}

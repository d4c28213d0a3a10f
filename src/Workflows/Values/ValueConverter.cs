using System.Collections;
using System.Dynamic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Values;

/// <summary>Converts evaluated values to the declared type of an input or variable, following Elsa's ObjectConverter rules.</summary>
public static class ValueConverter
{
    /// <summary>Converts <paramref name="value"/> to <typeparamref name="T"/>; throws <see cref="ValueConversionException"/> when impossible.</summary>
    public static T? Convert<T>(object? value) => (T?)Convert(value, typeof(T));

    /// <summary>Converts to <paramref name="target"/>. Null stays null; <c>object</c> targets get the value unchanged.</summary>
    public static object? Convert(object? value, Type target)
    {
        ArgumentNullException.ThrowIfNull(target);
        value = Normalize(value);
        if (value is null) return null;
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (underlying == typeof(object)) return value;
        if (underlying.IsInstanceOfType(value) && underlying != typeof(string) && !IsCollection(underlying)) return value;

        try
        {
            return ConvertCore(value, underlying);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or JsonException or ArgumentException)
        {
            throw new ValueConversionException($"Cannot convert {Describe(value)} to {TypeAliases.AliasOf(underlying)}: {e.Message}", e);
        }
    }

    private static object? ConvertCore(object value, Type target)
    {
        if (target == typeof(string)) return AsString(value);

        if (value is string s)
        {
            if (string.IsNullOrWhiteSpace(s)) return null;
            var trimmed = s.TrimStart();
            if ((trimmed.StartsWith('{') || trimmed.StartsWith('[')) && !IsScalar(target))
                return Convert(DynamicJson.FromNode(JsonNode.Parse(s)), target);
            if (IsCollection(target) && ElementType(target) == typeof(string)) return MakeCollection(target, [s]);
            return ParseScalar(s, target);
        }

        if (target.IsEnum)
        {
            return value switch
            {
                long or int or double => Enum.ToObject(target, System.Convert.ToInt64(value, CultureInfo.InvariantCulture)),
                _ => Enum.Parse(target, AsString(value)!, ignoreCase: true),
            };
        }

        if (IsScalar(target)) return ParseScalar(AsString(value)!, target) ?? System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);

        if (target == typeof(ExpandoObject))
        {
            IDictionary<string, object?> expando = new ExpandoObject();
            if (value is IDictionary<string, object?> d)
            {
                foreach (var (k, v) in d) expando[k] = v;
                return expando;
            }

            throw new InvalidCastException("expected an object");
        }

        if (target == typeof(JsonNode) || target == typeof(JsonObject) || target == typeof(JsonArray))
        {
            var node = DynamicJson.ToNode(value);
            return target.IsInstanceOfType(node) ? node : throw new InvalidCastException($"expected {target.Name}");
        }

        if (target == typeof(JsonElement)) return JsonSerializer.SerializeToElement(DynamicJson.ToNode(value));

        if (IsDictionary(target, out var valueType))
        {
            if (value is not IDictionary<string, object?> dict) throw new InvalidCastException("expected an object");
            if (valueType == typeof(string))
            {
                var result = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (k, v) in dict) result[k] = AsString(v);
                return result;
            }

            return new Dictionary<string, object?>(dict, StringComparer.Ordinal);
        }

        if (IsCollection(target))
        {
            var element = ElementType(target);
            if (value is IEnumerable enumerable and not IDictionary<string, object?>)
                return MakeCollection(target, enumerable.Cast<object?>().Select(v => Convert(v, element)).ToList());
            return MakeCollection(target, [Convert(value, element)]);
        }

        var json = DynamicJson.ToNode(value);
        return json.Deserialize(target, Serialization.WorkflowJson.Options);
    }

    private static object? Normalize(object? value) => value switch
    {
        JsonNode n => DynamicJson.FromNode(n),
        JsonElement e => DynamicJson.FromElement(e),
        ExpandoObject expando => ((IDictionary<string, object?>)expando).ToDictionary(p => p.Key, p => Normalize(p.Value), StringComparer.Ordinal),
        _ => value,
    };

    private static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(value is TimeSpan ? "c" : value is DateTimeOffset or DateTime ? "O" : null, CultureInfo.InvariantCulture),
        IDictionary<string, object?> or IList => DynamicJson.ToJsonString(value),
        _ => value.ToString(),
    };

    private static object? ParseScalar(string s, Type target)
    {
        var inv = CultureInfo.InvariantCulture;
        if (target == typeof(string)) return s;
        if (target == typeof(bool)) return bool.Parse(s.Trim());
        if (target == typeof(int)) return double.TryParse(s, NumberStyles.Float, inv, out var di) && di == Math.Floor(di) ? checked((int)di) : int.Parse(s, inv);
        if (target == typeof(long)) return double.TryParse(s, NumberStyles.Float, inv, out var dl) && dl == Math.Floor(dl) ? checked((long)dl) : long.Parse(s, inv);
        if (target == typeof(short)) return short.Parse(s, inv);
        if (target == typeof(double)) return double.Parse(s, NumberStyles.Float, inv);
        if (target == typeof(float)) return float.Parse(s, NumberStyles.Float, inv);
        if (target == typeof(decimal)) return decimal.Parse(s, NumberStyles.Float, inv);
        if (target == typeof(Guid)) return Guid.Parse(s);
        if (target == typeof(TimeSpan)) return TimeSpan.TryParseExact(s, "c", inv, out var ts) ? ts : TimeSpan.Parse(s, inv);
        if (target == typeof(DateTimeOffset)) return DateTimeOffset.Parse(s, inv, DateTimeStyles.AssumeUniversal);
        if (target == typeof(DateTime)) return DateTime.Parse(s, inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        if (target == typeof(Uri)) return new Uri(s, UriKind.RelativeOrAbsolute);
        if (target == typeof(byte[])) return System.Convert.FromBase64String(s);
        if (target.IsEnum) return Enum.Parse(target, s.Trim(), ignoreCase: true);
        return null;
    }

    private static bool IsScalar(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(TimeSpan) ||
        t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Uri) || t == typeof(byte[]);

    private static bool IsDictionary(Type t, out Type valueType)
    {
        valueType = typeof(object);
        if (!t.IsGenericType) return false;
        var def = t.GetGenericTypeDefinition();
        if (def != typeof(IDictionary<,>) && def != typeof(Dictionary<,>) && def != typeof(IReadOnlyDictionary<,>)) return false;
        valueType = t.GetGenericArguments()[1];
        return true;
    }

    private static bool IsCollection(Type t) => t.IsArray || (t.IsGenericType && t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t) && !IsDictionary(t, out _));

    private static Type ElementType(Type t) => t.IsArray ? t.GetElementType()! : t.GetGenericArguments()[0];

    private static object MakeCollection(Type target, List<object?> items)
    {
        var element = ElementType(target);
        if (target.IsArray)
        {
            var array = Array.CreateInstance(element, items.Count);
            for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
            return array;
        }

        var setType = typeof(HashSet<>).MakeGenericType(element);
        var listType = typeof(List<>).MakeGenericType(element);
        var collection = target.IsAssignableFrom(listType) ? (IList)Activator.CreateInstance(listType)! : null;
        if (collection is not null)
        {
            foreach (var item in items) collection.Add(item);
            return collection;
        }

        var set = Activator.CreateInstance(setType)!;
        var add = setType.GetMethod("Add")!;
        foreach (var item in items) add.Invoke(set, [item]);
        return set;
    }

    private static string Describe(object value) => value switch
    {
        string s => $"'{(s.Length > 40 ? s[..40] + "…" : s)}'",
        _ => value.GetType().Name,
    };
}

using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A variable declared in one activity execution context (its memory block).</summary>
public sealed class VariableSlot
{
    /// <summary>Creates a slot.</summary>
    public VariableSlot(string id, string name, Type? type, string? storageDriver, bool isDynamic = false)
    {
        Id = id;
        Name = name;
        Type = type;
        StorageDriver = storageDriver;
        IsDynamic = isDynamic;
    }

    /// <summary>Variable id.</summary>
    public string Id { get; }

    /// <summary>Variable name.</summary>
    public string Name { get; }

    /// <summary>CLR type; null means untyped.</summary>
    public Type? Type { get; }

    /// <summary>Storage driver; null means not persisted.</summary>
    public string? StorageDriver { get; }

    /// <summary>Created at run time (e.g. by <c>setVariable</c> on an undeclared name).</summary>
    public bool IsDynamic { get; }

    /// <summary>Current value.</summary>
    public object? Value { get; private set; }

    /// <summary>Whether the value survives suspensions.</summary>
    public bool IsPersistent => IsDynamic || (StorageDriver is not null && !StorageDriver.Contains("MemoryStorageDriver", StringComparison.Ordinal));

    /// <summary>Sets the value, converted to the declared type.</summary>
    public void Set(object? value) => Value = Type is null ? value : ValueConverter.Convert(value, Type);

    /// <summary>Creates a slot from a declaration, with its default value.</summary>
    public static VariableSlot FromDefinition(VariableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var type = TypeAliases.ResolveVariable(definition.TypeName, definition.IsArray);
        var slot = new VariableSlot(definition.Id, definition.Name, type, definition.StorageDriverTypeName);
        if (definition.Value is not null && type != typeof(object) && !string.IsNullOrEmpty(definition.Value)) slot.Set(definition.Value);
        else if (definition.Value is not null && type == typeof(object)) slot.Set(definition.Value);
        return slot;
    }
}

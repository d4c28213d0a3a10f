using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks, so that SQLite can order and compare it. Every context on the
/// engine's database uses it for its <see cref="DateTimeOffset"/> columns.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>The data folder of this service (database, keys, mail pickup, backups).</summary>
/// <param name="Path">Full path.</param>
public sealed record DataFolder(string Path);

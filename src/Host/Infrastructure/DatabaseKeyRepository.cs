using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>
/// Data Protection keys in the engine's database (<c>DataProtectionKeys</c>), so that every node sharing it signs and
/// checks links and cookies with the same key ring. When a node meets a key id it does not know yet (created by another
/// node a moment ago), Data Protection reloads the ring from here.
/// </summary>
public sealed class DatabaseKeyRepository(IDbContextFactory<WorkflowsDbContext> contexts) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = contexts.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = contexts.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>Points Data Protection's key manager at the database.</summary>
    internal sealed class Setup(IDbContextFactory<WorkflowsDbContext> contexts) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options) => options.XmlRepository = new DatabaseKeyRepository(contexts);
    }
}

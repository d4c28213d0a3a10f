namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>An ASP.NET Core Data Protection key (XML), shared by every node through the database.</summary>
public sealed class DataProtectionKeyRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The key's friendly name (<c>key-&lt;guid&gt;</c>).</summary>
    public string FriendlyName { get; set; } = "";

    /// <summary>The key element as XML (encrypted at rest when a certificate is configured).</summary>
    public string Xml { get; set; } = "";
}

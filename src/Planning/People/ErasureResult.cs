namespace Opiskeluhuolto.Planning.People;

/// <summary>What an erasure changed.</summary>
/// <param name="Pseudonym">The address that now stands for the person in finished cycles.</param>
/// <param name="DirectoryPeople">People rows removed from the directory.</param>
/// <param name="Instances">Finished instances anonymised.</param>
/// <param name="JournalEntries">Journal entries, activity records and incidents anonymised.</param>
/// <param name="AuditEntries">Audit entries anonymised.</param>
/// <param name="RunningInstances">Running instances that still name the person (not changed: replace the person there first).</param>
public sealed record ErasureResult(string Pseudonym, int DirectoryPeople, int Instances, int JournalEntries, int AuditEntries, IReadOnlyList<string> RunningInstances)
{
    /// <summary>Waiting or failed mails and queued resumptions that named the person, anonymised.</summary>
    public int OutboxMessages { get; init; }

    /// <summary>Imported region or steering-group files the person was taken out of.</summary>
    public int Datasets { get; init; }

    /// <summary>What cycles keep (document versions, decisions, minutes) that named the person, anonymised.</summary>
    public int CycleRecords { get; init; }

    /// <summary>Records of mail that reached the person, now kept under the pseudonym.</summary>
    public int SentMails { get; init; }
}

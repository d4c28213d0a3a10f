namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>One level of a sequential approval chain: the next level is asked once this one has approved.</summary>
public sealed class ApprovalLevel
{
    /// <summary>Name shown in the journal (e.g. "Sivistysjohtajat").</summary>
    public string? Name { get; set; }

    /// <summary>All, Any, Majority or Count.</summary>
    public string Quorum { get; set; } = "All";

    /// <summary>With quorum Count: approvals needed.</summary>
    public int? RequiredApprovals { get; set; }
}

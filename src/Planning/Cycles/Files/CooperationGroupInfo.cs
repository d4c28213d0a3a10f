namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>The regional cooperation group (OHL 14 a §).</summary>
/// <param name="ChairPersonId">The chair.</param>
/// <param name="SecretaryPersonId">The secretary, who coordinates the cycle.</param>
/// <param name="Seats">Its seats.</param>
public sealed record CooperationGroupInfo(string? ChairPersonId, string? SecretaryPersonId, IReadOnlyList<GroupSeat>? Seats);

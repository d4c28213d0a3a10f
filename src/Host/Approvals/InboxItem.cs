namespace Opiskeluhuolto.Host.Approvals;

/// <summary>An open task on the participant's task page, with its signed decision link and due-date countdown.</summary>
/// <param name="Title">What is asked.</param>
/// <param name="CycleName">The cycle it belongs to.</param>
/// <param name="Due">The local due date.</param>
/// <param name="Countdown">Working days left, in words.</param>
/// <param name="Late">Whether the due date has passed.</param>
/// <param name="AsDeputy">Whether the person answers as a deputy.</param>
/// <param name="Kind">Approval, Statement or Task.</param>
/// <param name="DecisionToken">The signed token of the decision page.</param>
public sealed record InboxItem(string Title, string CycleName, string Due, string Countdown, bool Late, bool AsDeputy, string Kind, string DecisionToken);

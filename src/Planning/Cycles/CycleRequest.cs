using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A request to preview or start a cycle.</summary>
/// <param name="Dataset">The imported region's dataset id (e.g. <c>keski-suomi-2023</c>).</param>
/// <param name="Phases">Optional date changes per phase key: <c>{"consultation": {"start": "2023-09-25", "deadline": "2023-10-27"}}</c>.</param>
/// <param name="PlanUrl">Optional link to the draft plan, shown in requests.</param>
/// <param name="ShiftDays">Optional: move every date of the file by this many days first (a past cycle replayed; multiples of 7 keep weekdays).</param>
/// <param name="Consultation">Optional: who besides the education providers is asked for a statement — <c>{"youthCouncil": true, "parents": true, "staff": true}</c> (each on unless false).</param>
public sealed record CycleRequest(string? Dataset, JsonObject? Phases, string? PlanUrl, int ShiftDays = 0, JsonObject? Consultation = null);

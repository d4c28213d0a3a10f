namespace Opiskeluhuolto.Host.Apis;

/// <summary>What a signed event link's page says.</summary>
public enum EventLinkOutcome
{
    /// <summary>Confirm the action (the GET).</summary>
    Confirm,

    /// <summary>The link expired or was tampered with.</summary>
    Invalid,

    /// <summary>Used already, or the matter was decided.</summary>
    AlreadyHandled,

    /// <summary>Recorded.</summary>
    Recorded,
}

using Microsoft.AspNetCore.Authorization;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Coordinator access: a coordinator or an administrator (or the Development loopback trial).</summary>
public sealed class CoordinatorRequirement : IAuthorizationRequirement;

using Microsoft.AspNetCore.Authorization;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Admin access: an authenticated admin, or — only in Development with no key configured — a loopback caller.</summary>
public sealed class AdminRequirement : IAuthorizationRequirement;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Server-rendered pages: a Razor component (which encodes every value it writes) as an endpoint's result.</summary>
internal static class ComponentPages
{
    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> (an object whose properties name them).</summary>
    public static RazorComponentResult Render<TComponent>(object parameters, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status };
}

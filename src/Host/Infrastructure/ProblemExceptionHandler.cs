using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Maps known domain exceptions to 4xx ProblemDetails; anything else stays a 500 (a bug).</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails? problem = exception switch
        {
            WorkflowValidationException v => Validation(v.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), "The workflow definition is invalid."),
            WorkflowFormatException f => Validation(new Dictionary<string, string[]> { [f.Path] = [f.Message] }, "The workflow definition cannot be read."),
            Workflows.Alterations.AlterationFormatException a => Validation(new Dictionary<string, string[]> { [a.Path] = [a.Message] }, "The alterations cannot be read."),
            JsonException j => Validation(new Dictionary<string, string[]> { [j.Path ?? "$"] = [j.Message] }, "The request body is not valid JSON."),
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "Bad request", Detail = b.Message },
            WorkflowConflictException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = c.Message },
            Workflows.Runtime.WorkflowActivationRefusedException a => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The workflow's activation strategy refused a new instance", Detail = a.Message },
            Workflows.Persistence.ConcurrencyConflictException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = c.Message },
            _ => null,
        };
        if (problem is null) return false;
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Validation(Dictionary<string, string[]> errors, string title) =>
        new(errors) { Status = StatusCodes.Status400BadRequest, Title = title, Detail = errors.Values.SelectMany(v => v).FirstOrDefault() };
}

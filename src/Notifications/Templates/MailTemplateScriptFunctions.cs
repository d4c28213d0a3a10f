using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Templates;

/// <summary>JavaScript <c>renderMailTemplate(kind, language, model)</c> → <c>{ subject, body, text }</c> for SendEmail.</summary>
public sealed class MailTemplateScriptFunctions(MailTemplates templates) : IScriptFunctions
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions => field ??=
        new Dictionary<string, Func<ActivityExecutionContext, object?[], object?>>
        {
            ["renderMailTemplate"] = (_, args) =>
            {
                if (args.Length < 3 || args[0] is not string kind || args[2] is not IDictionary<string, object?> model)
                    throw new ExpressionException("renderMailTemplate(kind, language, model) needs a template name, a language and an object.");
                try
                {
                    var mail = templates.Render(kind, args[1] as string, model);
                    return new Dictionary<string, object?> { ["subject"] = mail.Subject, ["body"] = mail.Body, ["text"] = mail.Text };
                }
                catch (ArgumentException e)
                {
                    throw new ExpressionException(e.Message, e);
                }
            },
        };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Declarations { get; } = new Dictionary<string, string>
    {
        ["renderMailTemplate"] = "(kind: string, language: 'fi' | 'sv' | 'en', model: object): { subject: string; body: string; text: string }",
    };
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace Opiskeluhuolto.TestSupport;

/// <summary>
/// Checks a checked-in compiled model (<c>dotnet ef dbcontext optimize</c>) against the model the context builds now:
/// the code EF's generator writes for the current model must equal the files in the repository, so a model change
/// without regenerating fails here instead of running on an out-of-date model.
/// </summary>
public static partial class CompiledModelCheck
{
    /// <summary>Fails with <paramref name="regenerate"/> (the command to run) when the files in <paramref name="folder"/> differ.</summary>
    public static void AssertCurrent(DbContext db, string folder, string modelNamespace, string regenerate)
    {
        ArgumentNullException.ThrowIfNull(db);
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
#pragma warning disable EF1001 // The SQLite provider's design-time services, as dotnet-ef loads them.
        new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
        using var provider = services.BuildServiceProvider();
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = db.GetType(), ModelNamespace = modelNamespace, Language = "C#", UseNullableReferenceTypes = true,
        };
        var generator = provider.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options);
        var generated = generator.GenerateModel(db.GetService<IDesignTimeModel>().Model, options).ToDictionary(f => f.Path, f => Normalise(f.Code));
        var directory = Path.Combine(Repository.Root, folder);
        var checkedIn = Directory.GetFiles(directory, "*.cs").ToDictionary(f => Path.GetFileName(f), f => Normalise(File.ReadAllText(f)));
        var stale = generated.Keys.Union(checkedIn.Keys).Where(k => !generated.TryGetValue(k, out var g) || !checkedIn.TryGetValue(k, out var c) || g != c).Order().ToList();
        Assert.True(stale.Count == 0, $"The compiled model in {folder} is out of date ({string.Join(", ", stale)}): {regenerate}");
    }

    // The model id is a new Guid at each generation.
    private static string Normalise(string code) =>
        ModelId().Replace(code.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n', ' '), "modelId: new Guid()");

    [System.Text.RegularExpressions.GeneratedRegex("""modelId: new Guid\("[0-9a-f-]+"\)""")]
    private static partial System.Text.RegularExpressions.Regex ModelId();
}

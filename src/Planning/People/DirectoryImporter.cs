using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Planning.People;

/// <summary>
/// Imports a region file, a steering-group file (the demo-data format) or a CSV list of people into the directory:
/// every row is checked first, errors name the field (<c>people[3].email</c>), and the import replaces the earlier import
/// of the same dataset in one transaction, so nothing is ever half-imported. The API and the workspace pages both use it.
/// </summary>
public sealed class DirectoryImporter(PeopleDirectory directory, TimeProvider time)
{
    /// <summary>Checks every row of a region or steering-group file and, when all are valid, replaces that dataset.</summary>
    public Task<ImportResult> ImportAsync(JsonObject root, CancellationToken cancellationToken = default) => ImportAsync(root, null, cancellationToken);

    /// <summary>As <see cref="ImportAsync(JsonObject, CancellationToken)"/>, telling <paramref name="progress"/> how far it got.</summary>
    public async Task<ImportResult> ImportAsync(JsonObject root, IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        var import = new DirectoryFileReader(root);
        import.Read();
        if (import.Errors.Count > 0) return import.Errors.Result(import.Source);
        progress?.Report(new ImportProgress(ImportStage.Checked, import.People.Count, import.People.Count));
        var dataset = import.Dataset(time.GetUtcNow());
        await directory.ReplaceAsync(import.Source, import.People, import.Roles, dataset, progress, cancellationToken);
        return new ImportResult(import.Source, import.People.Count, Count(import.Roles), new Dictionary<string, string[]>(), dataset.Kind);
    }

    /// <summary>Checks every row of a people CSV and, when all are valid, replaces dataset <paramref name="dataset"/>.</summary>
    public Task<ImportResult> ImportCsvAsync(string? dataset, string text, CancellationToken cancellationToken = default) => ImportCsvAsync(dataset, text, null, cancellationToken);

    /// <summary>As <see cref="ImportCsvAsync(string?, string, CancellationToken)"/>, telling <paramref name="progress"/> how far it got.</summary>
    public async Task<ImportResult> ImportCsvAsync(string? dataset, string text, IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        if (dataset is not { Length: > 0 and <= 100 } || !dataset.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            return new ImportResult(dataset ?? "", 0, [], new Dictionary<string, string[]> { ["dataset"] = ["Name the dataset: 1–100 characters a–z, 0–9 and - (e.g. esimerkkila-henkilot)."] });
        var csv = PeopleCsv.Read(text);
        if (csv.Errors.Count > 0) return csv.Errors.Result(dataset);
        if (await directory.DatasetAsync(dataset, cancellationToken) is { Kind: not "people" } existing)
            return new ImportResult(dataset, 0, [], new Dictionary<string, string[]> { ["dataset"] = [$"'{dataset}' is a {existing.Kind} file; choose another name for the people list."] });
        progress?.Report(new ImportProgress(ImportStage.Checked, csv.Rows.Count, csv.Rows.Count));
        var row = new DirectoryDataset { Source = dataset, Kind = "people", Name = dataset, ImportedAt = time.GetUtcNow(), Json = csv.Rows.ToJsonString() };
        await directory.ReplaceAsync(dataset, csv.People, csv.Roles, row, progress, cancellationToken);
        return new ImportResult(dataset, csv.People.Count, Count(csv.Roles), new Dictionary<string, string[]>(), "people");
    }

    /// <summary>Imports every <c>*.json</c> file of <paramref name="folder"/> (the shipped demo data); returns the dataset ids.</summary>
    public async Task<IReadOnlyList<string>> ImportFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var imported = new List<string>();
        if (!System.IO.Directory.Exists(folder)) return imported;
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var result = await ImportAsync(JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken))!.AsObject(), cancellationToken);
            if (result.Errors.Count > 0)
                throw new InvalidOperationException($"Demo data file {Path.GetFileName(file)} is invalid: {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
            imported.Add(result.Source);
        }

        return imported;
    }

    private static List<(string Role, int Holders)> Count(IEnumerable<DirectoryRole> roles) =>
        [.. roles.GroupBy(r => r.Role).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))];
}

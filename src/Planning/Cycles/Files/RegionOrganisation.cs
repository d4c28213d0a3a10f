namespace Opiskeluhuolto.Planning.Cycles.Files;

/// <summary>An organisation of the region (the county, a municipality's education, a school…).</summary>
/// <param name="Id">Organisation id.</param>
/// <param name="NameFi">Finnish name.</param>
/// <param name="Category">county, municipalEducation, upperSecondaryInstitution…</param>
/// <param name="MunicipalityId">The municipality it belongs to.</param>
public sealed record RegionOrganisation(string? Id, string? NameFi, string? Category, string? MunicipalityId);

#pragma warning disable CA1050 // The top-level Program lives in the global namespace.

/// <summary>Exposes the entry point to WebApplicationFactory.</summary>
public partial class Program;

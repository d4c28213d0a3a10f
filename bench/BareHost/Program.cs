// The cold-start ceiling: what starting any ASP.NET Core app costs on this machine (runtime, host, Kestrel, one endpoint).
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health/ready", () => "Healthy");
app.Run();

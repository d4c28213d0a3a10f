using Opiskeluhuolto.Host;

// `probe <url>`: the container health check — asks a running service and exits 0 when it answers 200, without starting one.
if (args is ["probe", var url]) return await HealthProbe.RunAsync(url);
// `hash-password`: reads a password from standard input and prints the hash to put in Auth:AdminPassword or a coordinator's Password.
if (args is ["hash-password"]) return Opiskeluhuolto.Host.Infrastructure.LocalPasswords.HashCommand(Console.In, Console.Out);

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
await app.InitializeAsync();
app.MapApplication();
await app.RunAsync();
return 0;

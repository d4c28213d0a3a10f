using Opiskeluhuolto.Host;

// `probe <url>`: the container health check — asks a running service and exits 0 when it answers 200, without starting one.
if (args is ["probe", var url]) return await HealthProbe.RunAsync(url);
// `hash-password`: reads a password from standard input and prints the hash to put in Auth:AdminPassword or a coordinator's Password.
if (args is ["hash-password"]) return Opiskeluhuolto.Host.Infrastructure.LocalPasswords.HashCommand(Console.In, Console.Out);

var clock = System.Diagnostics.Stopwatch.StartNew();
var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
var built = clock.Elapsed;
await app.InitializeAsync();
var initialised = clock.Elapsed;
app.MapApplication();
var mapped = clock.Elapsed;
// How long the start took, by step: what an operator compares after an upgrade (the benchmark's cold start).
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Started in {Total} ms since the process began: services built {Built} ms, initialised {Initialised} ms, endpoints mapped {Mapped} ms, hosted services and server {Started} ms; {Jitted} methods compiled at run time in {Jit} ms",
    (long)(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds, (long)built.TotalMilliseconds,
    (long)(initialised - built).TotalMilliseconds, (long)(mapped - initialised).TotalMilliseconds, (long)(clock.Elapsed - mapped).TotalMilliseconds,
    System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds));
await app.RunAsync();
return 0;

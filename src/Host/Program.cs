using Opiskeluhuolto.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
await app.InitializeAsync();
app.MapApplication();
await app.RunAsync();

using Fifty.Ops.CommandLine;
using Fifty.Ops.Features;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Durability;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The published app runs from any folder: its static files and seed-data sit beside the executable.
    ContentRootPath = AppContext.BaseDirectory,
});

// Serves wwwroot and Radzen's files straight from the build output whatever the environment (a no-op once published,
// where they are copied beside the executable).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddFiftyOpsData(builder.Configuration);
builder.Services.AddFiftyOpsDurability(builder.Configuration);
builder.Services.AddFiftyOpsFeatures();
builder.Services.AddFiftyOpsUi();
builder.Services.AddFiftyOpsSecurity(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.InitializeDatabaseAsync();
// `Fifty.Ops year create 2024 --from 2023` and the other commands run once against the database instead of serving.
if (CommandLineDispatcher.IsCommand(args))
{
    Environment.ExitCode = await CommandLineDispatcher.RunAsync(app.Services, args, Console.Out, Console.Error);
    return;
}

app.UseFiftyOpsPipeline();
await app.RunAsync();

public partial class Program;

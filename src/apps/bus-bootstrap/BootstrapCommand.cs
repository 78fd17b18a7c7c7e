using Microsoft.Extensions.Configuration;
using Slipway.Sample.Shared;

namespace Slipway.Sample.BusBootstrap;

/// <summary>
/// The bootstrap Job's entry point: read the declarations, then ensure the bus (exchange, a queue per topic) and the
/// environment's database (role, database, schemas, migrations) exist; one line per thing, saying what was done.
/// <para>Input, first found wins: <c>--file PATH</c>; env <c>BOOTSTRAP_DECLARATIONS</c> (the JSON itself, as the
/// apps chart's hook sets it); env <c>BOOTSTRAP_DECLARATIONS_FILE</c> (a path, e.g. a mounted ConfigMap);
/// <see cref="DefaultFile"/> when it exists.</para>
/// <para>Where: the apps' settings (<see cref="BusSettings"/>, <see cref="DatabaseSettings"/>) plus
/// <c>DATABASE__ADMINUSER</c> (default <c>postgres</c>) and <c>DATABASE__ADMINPASSWORD</c>; servers still starting are
/// waited for <c>BOOTSTRAP_WAIT_SECONDS</c> (default 60). Env <c>BOOTSTRAP_FAIL=true</c>: fail on purpose after
/// reading the declarations (the chart's <c>bootstrap.failOnPurpose</c>), to exercise failed-hook handling.</para>
/// </summary>
public static class BootstrapCommand
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public const string DefaultFile = "/etc/slipway/bootstrap/declarations.json";

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment,
        TextWriter output,
        TextWriter error, string defaultFile = DefaultFile, CancellationToken ct = default)
    {
        string? Env(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        string? fileArgument = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--file" when i + 1 < args.Length:
                    fileArgument = args[++i];
                    break;
                case "-h" or "--help":
                    output.WriteLine("usage: BusBootstrap [--file declarations.json]   " +
                                     "(or env BOOTSTRAP_DECLARATIONS / BOOTSTRAP_DECLARATIONS_FILE)");
                    return Success;
                default:
                    error.WriteLine($"bus-bootstrap: unknown argument '{args[i]}' " +
                                    "(usage: BusBootstrap [--file declarations.json])");
                    return BadInput;
            }
        }

        string json, source;
        try
        {
            if (fileArgument != null) (json, source) = (File.ReadAllText(fileArgument), fileArgument);
            else if (Env("BOOTSTRAP_DECLARATIONS") is { } inline) (json, source) = (inline,
                "env BOOTSTRAP_DECLARATIONS");
            else if (Env("BOOTSTRAP_DECLARATIONS_FILE") is { } file) (json, source) = (File.ReadAllText(file), file);
            else if (File.Exists(defaultFile)) (json, source) = (File.ReadAllText(defaultFile), defaultFile);
            else
            {
                error.WriteLine("bus-bootstrap: no declarations: pass --file, or set BOOTSTRAP_DECLARATIONS (JSON) " +
                                $"or BOOTSTRAP_DECLARATIONS_FILE, or mount {defaultFile}");
                return BadInput;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"bus-bootstrap: cannot read the declarations: {e.Message}");
            return BadInput;
        }

        Declarations declarations;
        try
        {
            declarations = DeclarationParser.Parse(json);
        }
        catch (DeclarationException e)
        {
            error.WriteLine($"bus-bootstrap: {source}: {e.Message}");
            return BadInput;
        }
        var migrations = DatabaseAdmin.Migrations();
        output.WriteLine($"bus-bootstrap: {declarations.Topics.Count} topic(s), " +
                         $"{declarations.Schemas.Count} schema(s) from {source}, " +
                         $"{migrations.Count} migration(s)");

        if (string.Equals(Env("BOOTSTRAP_FAIL"), "true", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine("bus-bootstrap: failing on purpose: BOOTSTRAP_FAIL=true (values bootstrap.failOnPurpose); " +
                            "nothing was created");
            return Failed;
        }

        // the apps' own settings, as ASP.NET reads them from the environment (DATABASE__HOST → Database:Host)
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            environment.Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":",
                StringComparison.Ordinal), e.Value))).Build();
        var wait = TimeSpan.FromSeconds(int.TryParse(Env("BOOTSTRAP_WAIT_SECONDS"), out var seconds)
            && seconds >= 0 ? seconds : 60);
        var bus = BusSettings.From(configuration);
        var database = DatabaseSettings.From(configuration);
        var report = new Report(output);
        try
        {
            output.WriteLine($"bus-bootstrap: bus {bus}");
            await using (var busAdmin = new BusAdmin(bus, wait))
                await busAdmin.EnsureAsync(declarations.Topics, report, ct);
            output.WriteLine($"bus-bootstrap: database {database}");
            await new DatabaseAdmin(database, configuration["Database:AdminUser"] is { Length: > 0 } admin ? admin
                : "postgres",
                configuration["Database:AdminPassword"], wait).EnsureAsync(declarations.Schemas, report, ct);
        }
        catch (Exception e) when (e is BootstrapException or Npgsql.NpgsqlException
                                      or RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException)
        {
            error.WriteLine($"bus-bootstrap: failed: {e.Message}");
            return Failed;
        }
        output.WriteLine($"bus-bootstrap: done: {report.Count(Outcome.Created)} created, " +
                         $"{report.Count(Outcome.AlreadyExists)} already existed, " +
                         $"{report.Count(Outcome.Applied)} migration(s) applied, " +
                         $"{report.Count(Outcome.UpToDate)} up to date");
        return Success;
    }
}

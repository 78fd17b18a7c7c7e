using System.Reflection;
using Npgsql;
using Slipway.Sample.Shared;

namespace Slipway.Sample.BusBootstrap;

/// <summary>
/// Prepares the environment's database as its administrator: the apps' role (<see cref="DatabaseSettings.User"/>,
/// its password kept equal to the Secret's), the database owned by it, the declared schemas, then the embedded
/// migrations (<c>Migrations/*.sql</c>, in name order, each once: table <c>public.schema_migrations</c>), run as the
/// apps' role so it owns what they create. An advisory lock keeps two bootstraps from migrating at once.
/// </summary>
public sealed class DatabaseAdmin(DatabaseSettings app, string adminUser, string? adminPassword, TimeSpan wait)
{
    const long MigrationLock = 0x534c4950574159; // any constant the apps share

    public static IReadOnlyList<(string Version, string Sql)> Migrations()
    {
        var assembly = typeof(DatabaseAdmin).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/",
            StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n => (Path.GetFileNameWithoutExtension(n["migrations/".Length..]), Read(assembly, n))).ToList();
    }

    public async Task EnsureAsync(IReadOnlyList<SchemaDeclaration> schemas, Report report, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(app.Password))
            throw new BootstrapException("no password for the apps' database role: set DATABASE__PASSWORD");
        var admin = app with { User = adminUser, Password = adminPassword };
        await using (var server = await OpenAsync(admin.ConnectionString("postgres", "bus-bootstrap"), ct))
        {
            var roleExists = await ExistsAsync(server, "SELECT 1 FROM pg_roles WHERE rolname = $1", app.User, ct);
            // the password follows the Secret on every run (a rotated Secret takes effect at the next deploy)
            await ExecuteFormattedAsync(server, roleExists ? "ALTER ROLE %I LOGIN PASSWORD %L"
                : "CREATE ROLE %I LOGIN PASSWORD %L",
                [app.User, app.Password], ct);
            report.Add($"role {app.User}", roleExists ? Outcome.AlreadyExists : Outcome.Created);

            var databaseExists = await ExistsAsync(server, "SELECT 1 FROM pg_database WHERE datname = $1", app.Name,
                ct);
            if (!databaseExists) await ExecuteFormattedAsync(server, "CREATE DATABASE %I OWNER %I", [app.Name,
                app.User], ct);
            report.Add($"database {app.Name} (owner {app.User})", databaseExists ? Outcome.AlreadyExists
                : Outcome.Created);
        }

        await using var database = await OpenAsync(admin.ConnectionString(app.Name, "bus-bootstrap"), ct);
        foreach (var schema in schemas)
        {
            var exists = await ExistsAsync(database, "SELECT 1 FROM pg_namespace WHERE nspname = $1", schema.Name, ct);
            if (!exists) await ExecuteFormattedAsync(database, "CREATE SCHEMA %I AUTHORIZATION %I", [schema.Name,
                app.User], ct);
            var owners = schema.Components.Count == 0 ? "" : $" (declared by {string.Join(", ", schema.Components)})";
            report.Add($"schema {app.Name}.{schema.Name}{owners}", exists ? Outcome.AlreadyExists : Outcome.Created);
        }
        await MigrateAsync(database, report, ct);
    }

    async Task MigrateAsync(NpgsqlConnection database, Report report, CancellationToken ct)
    {
        await ExecuteAsync(database, $"SELECT pg_advisory_lock({MigrationLock})", ct);
        await ExecuteAsync(database, """
            CREATE TABLE IF NOT EXISTS public.schema_migrations (
                version    text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, ct);
        foreach (var (version, sql) in Migrations())
        {
            if (await ExistsAsync(database, "SELECT 1 FROM public.schema_migrations WHERE version = $1", version, ct))
            {
                report.Add($"migration {version}", Outcome.UpToDate);
                continue;
            }
            await using var transaction = await database.BeginTransactionAsync(ct);
            try
            {
                await ExecuteFormattedAsync(database, "SET LOCAL ROLE %I", [app.User], ct);
                await ExecuteAsync(database, sql, ct);
                await ExecuteAsync(database, "RESET ROLE", ct);
                await using var record = new NpgsqlCommand(
                    "INSERT INTO public.schema_migrations (version) VALUES ($1)", database);
                record.Parameters.Add(new NpgsqlParameter { Value = version });
                await record.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (PostgresException e)
            {
                var at = e.Position > 0 ? $" (at character {e.Position})" : "";
                throw new BootstrapException($"migration {version} failed: {e.MessageText}{at}", e);
            }
            report.Add($"migration {version}", Outcome.Applied);
        }
        await ExecuteAsync(database, $"SELECT pg_advisory_unlock({MigrationLock})", ct);
    }

    async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct) =>
        await Retry.ConnectAsync(async () =>
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(ct);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }, $"the database at {app with { Name = new NpgsqlConnectionStringBuilder(connectionString).Database! }}",
            wait, ct);

    static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string value, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteScalarAsync(ct) != null;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>DDL takes no parameters: the server quotes them (<c>format</c> with %I identifiers, %L
    /// literals).</summary>
    static async Task ExecuteFormattedAsync(NpgsqlConnection connection, string template, string[] values,
        CancellationToken ct)
    {
        var placeholders = string.Join(", ", values.Select((_, i) => $"${i + 2}"));
        await using var format = new NpgsqlCommand($"SELECT format($1, {placeholders})", connection);
        format.Parameters.Add(new NpgsqlParameter { Value = template });
        foreach (var value in values) format.Parameters.Add(new NpgsqlParameter { Value = value });
        var statement = (string)(await format.ExecuteScalarAsync(ct))!;
        await ExecuteAsync(connection, statement, ct);
    }

    static string Read(Assembly assembly, string name)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}

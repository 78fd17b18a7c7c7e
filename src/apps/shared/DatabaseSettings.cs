using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Slipway.Sample.Shared;

/// <summary>
/// Where the environment's database is: section <c>Database</c>, i.e. <c>DATABASE__HOST</c> (default
/// <c>database</c>), <c>DATABASE__PORT</c> (5432), <c>DATABASE__NAME</c> (<c>shop</c>), <c>DATABASE__USER</c>
/// (<c>shop</c>) and <c>DATABASE__PASSWORD</c> (from a Secret).
/// </summary>
public sealed record DatabaseSettings(string Host, int Port, string Name, string User, string? Password)
{
    public static DatabaseSettings From(IConfiguration configuration, string section = "Database")
    {
        var s = configuration.GetSection(section);
        return new DatabaseSettings(
            Text(s["Host"]) ?? "database",
            int.TryParse(s["Port"], out var port) ? port : 5432,
            Text(s["Name"]) ?? "shop",
            Text(s["User"]) ?? "shop",
            Text(s["Password"]));
    }

    /// <summary>The connection string for <paramref name="database"/> (default: <see cref="Name"/>) as <see
    /// cref="User"/>.</summary>
    public string ConnectionString(string? database = null, string applicationName = "slipway-sample") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = database ?? Name,
            Username = User,
            Password = Password,
            ApplicationName = applicationName,
            Timeout = 5,
            CommandTimeout = 10,
            // no Kerberos here: without this, the client probes for libgssapi (absent from the images) on each
            // connection
            GssEncryptionMode = GssEncryptionMode.Disable,
        }.ConnectionString;

    /// <summary>For logs: never the password.</summary>
    public override string ToString() => $"{User}@{Host}:{Port}/{Name}";

    static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

namespace Slipway.Sample.BusBootstrap;

/// <summary>
/// The bootstrap Job's entry point: read the declarations, then ensure each topic, index and schema exists.
/// <para>Input, first found wins: <c>--file PATH</c>; env <c>BOOTSTRAP_DECLARATIONS</c> (the JSON itself, as the
/// apps chart's hook sets it); env <c>BOOTSTRAP_DECLARATIONS_FILE</c> (a path, e.g. a mounted ConfigMap);
/// <see cref="DefaultFile"/> when it exists.</para>
/// <para>Env <c>BOOTSTRAP_STATE_DIR</c>: remember created resources there across runs (otherwise in memory).
/// Env <c>BOOTSTRAP_FAIL=true</c>: fail on purpose after reading the declarations (the chart's
/// <c>bootstrap.simulateFailure</c>), to exercise failed-hook handling.</para>
/// </summary>
public static class BootstrapCommand
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public const string DefaultFile = "/etc/slipway/bootstrap/declarations.json";

    /// <param name="defaultFile">where the mounted declarations are looked for when nothing else names them</param>
    public static int Run(string[] args, IReadOnlyDictionary<string, string> environment, TextWriter output,
        TextWriter error, IResourceStore? store = null, string defaultFile = DefaultFile)
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
                    output.WriteLine("usage: BusBootstrap [--file declarations.json]   (or env BOOTSTRAP_DECLARATIONS / BOOTSTRAP_DECLARATIONS_FILE)");
                    return Success;
                default:
                    error.WriteLine($"bus-bootstrap: unknown argument '{args[i]}' (usage: BusBootstrap [--file declarations.json])");
                    return BadInput;
            }
        }

        string json, source;
        try
        {
            if (fileArgument != null) (json, source) = (File.ReadAllText(fileArgument), fileArgument);
            else if (Env("BOOTSTRAP_DECLARATIONS") is { } inline) (json, source) = (inline, "env BOOTSTRAP_DECLARATIONS");
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
        output.WriteLine($"bus-bootstrap: {declarations.Topics.Count} topic(s), {declarations.Indexes.Count} index(es), {declarations.Schemas.Count} schema(s) from {source}");

        if (string.Equals(Env("BOOTSTRAP_FAIL"), "true", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine("bus-bootstrap: failing on purpose: BOOTSTRAP_FAIL=true (values bootstrap.simulateFailure); nothing was created");
            return Failed;
        }

        if (store == null)
        {
            if (Env("BOOTSTRAP_STATE_DIR") is { } stateDirectory) store = new DirectoryResourceStore(stateDirectory);
            else store = new InMemoryResourceStore();
        }
        int created = 0, existing = 0;
        void Report(string kind, string name, string settings, IReadOnlyList<string> components)
        {
            var outcome = store.Ensure(kind, name, settings);
            if (outcome == EnsureOutcome.Created) created++; else existing++;
            var owners = components.Count == 0 ? "" : $" (declared by {string.Join(", ", components)})";
            var what = settings.Length == 0 ? "" : $" [{settings}]";
            output.WriteLine(outcome == EnsureOutcome.Created
                ? $"  created {kind} {name}{what}{owners}"
                : $"  exists  {kind} {name}{what}{owners}");
        }
        try
        {
            foreach (var topic in declarations.Topics) Report("topic", topic.Name, $"partitions={topic.Partitions}", topic.Components);
            foreach (var index in declarations.Indexes) Report("index", index.Name, "", index.Components);
            foreach (var schema in declarations.Schemas) Report("schema", schema.Name, "", schema.Components);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"bus-bootstrap: cannot record a resource: {e.Message}");
            return Failed;
        }
        output.WriteLine(declarations.Count == 0
            ? "bus-bootstrap: nothing declared"
            : $"bus-bootstrap: done: {created} created, {existing} already existed");
        return Success;
    }
}

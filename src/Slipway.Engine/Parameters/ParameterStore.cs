namespace Slipway.Engine;

/// <summary>The resolved parameter values of one run: injected into the build's members, readable by components.</summary>
public sealed class ParameterStore
{
    private readonly Dictionary<string, object?> _values = new();
    private readonly Dictionary<string, string> _sources = new();

    internal ParameterStore(IReadOnlyList<ParameterMember> parameters) => Parameters = parameters;

    public IReadOnlyList<ParameterMember> Parameters { get; }

    internal void Load(Dictionary<string, RawParameterValue> raw, SecretMasker masker, object build)
    {
        foreach (var parameter in Parameters)
        {
            if (!raw.TryGetValue(parameter.Key, out var value)) continue;
            var converted = ParameterConverter.Convert(parameter.CliName, parameter.Type, value.Values, value.BaseDirectory);
            _values[parameter.Key] = converted;
            _sources[parameter.Key] = value.Source;
            if (parameter.IsSecret)
                foreach (var text in value.Values)
                    if (!masker.Add(text))
                        BuildOutput.Current.Write(LogLevel.Warning, $"Secret {parameter.CliName} is shorter than {SecretMasker.MinimumLength} characters and cannot be masked safely.");
            if (parameter.IsInjectable) parameter.Write(build, converted);
        }
        // Secrets given as defaults in code are masked too.
        foreach (var parameter in Parameters.Where(p => p.IsSecret && p.IsInjectable && !_values.ContainsKey(p.Key)))
            if (parameter.Read(build) is string text) masker.Add(text);
    }

    /// <summary>The value given for a parameter, or default when none was given.</summary>
    public T? Get<T>(string name) =>
        _values.TryGetValue(ParameterNames.Normalize(name), out var value) && value is T typed ? typed : default;

    public bool Has(string name) => _values.ContainsKey(ParameterNames.Normalize(name));

    /// <summary>Where a parameter's value came from, e.g. "environment variable SLIPWAY_ENV".</summary>
    public string? SourceOf(string name) => _sources.GetValueOrDefault(ParameterNames.Normalize(name));
}

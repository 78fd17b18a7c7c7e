using System.Collections;

namespace Slipway.Engine;

/// <summary>Turns the raw text values of a parameter into its declared type, with errors that say what was expected.</summary>
public static class ParameterConverter
{
    public static Type UnderlyingType(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static Type? ElementType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        if (type.IsGenericType && type.GetGenericArguments() is [var element] &&
            typeof(IEnumerable).IsAssignableFrom(type) && type.IsAssignableFrom(element.MakeArrayType()))
            return element;
        return null;
    }

    /// <summary>Describes the type for --help: string, bool, int, one of (a|b), list of …</summary>
    public static string Describe(Type type)
    {
        if (ElementType(type) is { } element) return $"{Describe(element)}[]";
        type = UnderlyingType(type);
        if (type.IsEnum) return string.Join('|', Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        if (type == typeof(bool)) return "flag";
        if (type == typeof(int) || type == typeof(long)) return "int";
        if (type == typeof(AbsolutePath)) return "path";
        return type.Name.ToLowerInvariant();
    }

    /// <param name="values">Tokens as given; list types also split each token on commas.</param>
    /// <param name="baseDirectory">Relative paths resolve against it.</param>
    public static object? Convert(string optionName, Type type, IReadOnlyList<string> values, string baseDirectory)
    {
        if (ElementType(type) is { } elementType)
        {
            var items = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => ConvertOne(optionName, elementType, v, baseDirectory)).ToArray();
            var array = Array.CreateInstance(elementType, items.Length);
            for (var i = 0; i < items.Length; i++) array.SetValue(items[i], i);
            return array;
        }
        var underlying = UnderlyingType(type);
        if (underlying == typeof(bool) && values.Count == 0) return true;
        if (values.Count != 1)
            throw new UsageException(values.Count == 0
                ? $"{optionName} needs a value ({Describe(type)})."
                : $"{optionName} takes one value, got {values.Count}: {string.Join(' ', values)}.");
        return ConvertOne(optionName, underlying, values[0], baseDirectory);
    }

    private static object ConvertOne(string optionName, Type type, string value, string baseDirectory)
    {
        type = UnderlyingType(type);
        if (type == typeof(string)) return value;
        if (type == typeof(AbsolutePath)) return AbsolutePath.From(Path.GetFullPath(value, baseDirectory));
        if (type == typeof(bool))
            return value.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" or "on" => true,
                "false" or "no" or "0" or "off" => false,
                _ => throw new UsageException($"{optionName} is a flag: give true or false, or no value (got '{value}')."),
            };
        if (type == typeof(int))
            return int.TryParse(value, out var number) ? number
                : throw new UsageException($"{optionName} expects a whole number, got '{value}'.");
        if (type == typeof(long))
            return long.TryParse(value, out var big) ? big
                : throw new UsageException($"{optionName} expects a whole number, got '{value}'.");
        if (type == typeof(TimeSpan))
            return TimeSpan.TryParse(value, out var span) ? span
                : int.TryParse(value, out var seconds) ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException($"{optionName} expects a duration (seconds or hh:mm:ss), got '{value}'.");
        if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(n => ParameterNames.Normalize(n) == ParameterNames.Normalize(value));
            return match != null ? Enum.Parse(type, match)
                : throw new UsageException($"{optionName} must be one of {Describe(type).Replace("|", ", ")}; got '{value}'.");
        }
        throw new BuildDefinitionException($"Parameter {optionName} has a type Slipway cannot fill from text: {type.Name}.");
    }
}

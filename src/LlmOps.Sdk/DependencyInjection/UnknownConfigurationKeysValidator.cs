using LlmOps.Sdk.Prompts.Mustache;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.DependencyInjection;

/// <summary>Fails validation when a bound configuration section holds a key that no option reads, naming the nearest option.</summary>
/// <remarks>
/// The binder skips keys it does not know, so a typo such as <c>MaxRetryAtempts</c> would silently leave the default in
/// force. Keys are checked against <see cref="LlmOpsConfigurationShape"/>, without reflection. A section that another
/// pipeline is bound from (<c>LlmOps:Fast</c> inside <c>LlmOps</c>, say) is that pipeline's to check, not an unknown key.
/// </remarks>
internal sealed class UnknownConfigurationKeysValidator(IEnumerable<LlmOpsConfigurationBinding> bindings) : IValidateOptions<LlmOpsOptions>
{
    private readonly LlmOpsConfigurationBinding[] _bindings = [.. bindings];

    public ValidateOptionsResult Validate(string? name, LlmOpsOptions options)
    {
        name ??= Options.DefaultName;
        List<string> failures = [];
        foreach (var binding in _bindings)
        {
            if (string.Equals(binding.OptionsName, name, StringComparison.Ordinal))
            {
                CheckChildren(binding.Section, LlmOpsConfigurationShape.Root, binding.Section.Path, failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckChildren(IConfigurationSection section, ConfigurationShape shape, string rootPath, List<string> failures)
    {
        foreach (var child in section.GetChildren())
        {
            if (shape.Kind == ConfigurationShapeKind.Map)
            {
                CheckKey(child, shape.Item!, rootPath, failures); // a map always has an item shape
            }
            else if (shape.Keys.TryGetValue(child.Key, out var childShape))
            {
                CheckKey(child, childShape, rootPath, failures);
            }
            else if (!IsBoundElsewhere(child.Path))
            {
                failures.Add(UnknownKey(child, shape, rootPath));
            }
        }
    }

    private void CheckKey(IConfigurationSection key, ConfigurationShape shape, string rootPath, List<string> failures)
    {
        switch (shape.Kind)
        {
            case ConfigurationShapeKind.Value:
                foreach (var child in key.GetChildren())
                {
                    failures.Add(
                        $"Configuration key '{child.Path}' is under '{key.Path}', which takes a single value, so it would be " +
                        $"ignored. Give '{key.Path}' a value of its own, or remove '{child.Key}'.");
                }

                break;

            case ConfigurationShapeKind.CodeOnly:
                failures.Add($"Configuration key '{key.Path}' cannot be set from configuration, so it would be ignored. {shape.CodeOnlyFix} Then remove the key from configuration.");
                break;

            default:
                CheckChildren(key, shape, rootPath, failures);
                break;
        }
    }

    private bool IsBoundElsewhere(string path)
    {
        foreach (var binding in _bindings)
        {
            if (string.Equals(binding.Section.Path, path, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string UnknownKey(IConfigurationSection key, ConfigurationShape parent, string rootPath)
    {
        var message = $"Configuration key '{key.Path}' is not an LlmOps option, so its value would be ignored.";

        // Nearest among the keys beside it first; else anywhere in the options, for a key put in the wrong section.
        if (NameSuggestions.Nearest(key.Key, parent.Keys.Keys) is { } sibling)
        {
            var path = ConfigurationPath.Combine(ConfigurationPath.GetParentPath(key.Path) ?? string.Empty, sibling);
            return $"{message} Did you mean '{sibling}' ({path})? Correct the key, or remove it.";
        }

        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        AddPaths(LlmOpsConfigurationShape.Root, rootPath, all);
        if (NameSuggestions.Nearest(key.Key, all.Keys) is { } elsewhere)
        {
            return $"{message} Did you mean '{elsewhere}' ({all[elsewhere]})? Move or correct the key, or remove it.";
        }

        return $"{message} The keys here are: {string.Join(", ", parent.Keys.Keys)}. Correct the key, or remove it.";
    }

    /// <summary>Adds each key of the options by name, with its full path; the first path of a name wins.</summary>
    private static void AddPaths(ConfigurationShape shape, string path, Dictionary<string, string> paths)
    {
        foreach (var (key, child) in shape.Keys)
        {
            var childPath = ConfigurationPath.Combine(path, key);
            paths.TryAdd(key, childPath);
            AddPaths(child, childPath, paths);
        }
    }
}

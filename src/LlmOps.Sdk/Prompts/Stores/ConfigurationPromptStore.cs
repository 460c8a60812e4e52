using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>A prompt store over an <see cref="IConfiguration"/> section, such as <c>Prompts</c> in appsettings.json.</summary>
/// <remarks>
/// <para>Each child of the section is a prompt by name:</para>
/// <code>
/// "Prompts": {
///   "greet": {
///     "Labels": { "production": 2, "staging": [ { "Version": 3, "Weight": 90 }, { "Version": 2, "Weight": 10 } ] },
///     "Versions": {
///       "2": { "Text": "Hello {{name}}", "Model": { "Id": "gpt-4o-mini", "Temperature": 0.2 } },
///       "3": { "Messages": [ { "Role": "system", "Content": "Be brief." }, { "Role": "user", "Content": "Hello {{name}}" } ],
///              "Variables": { "name": { "Default": "there" } } }
///     }
///   }
/// }
/// </code>
/// <para>
/// A prompt without <c>Labels</c> gets <c>production</c> pointing at its highest version. The section is read when the
/// store is created, and again when configuration reloads; errors name the configuration path.
/// </para>
/// </remarks>
public sealed class ConfigurationPromptStore : IPromptStore, IDisposable
{
    private readonly IConfiguration _section;
    private readonly ChangeSignal _changes = new();
    private readonly IDisposable _subscription;
    private readonly ILogger _logger;
    private Dictionary<string, PromptDefinition> _prompts;
    private int _reloadFailures;

    /// <summary>Initializes a new instance of the <see cref="ConfigurationPromptStore"/> class and reads the section.</summary>
    /// <param name="section">The section whose children are prompts by name.</param>
    /// <param name="logger">Where reloads that fail are logged.</param>
    /// <exception cref="PromptException">A prompt in the section is invalid; the message names its configuration path.</exception>
    public ConfigurationPromptStore(IConfiguration section, ILogger<ConfigurationPromptStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        _section = section;
        _logger = logger ?? NullLogger<ConfigurationPromptStore>.Instance;
        _prompts = Read(section);
        _subscription = ChangeToken.OnChange(section.GetReloadToken, TryReload);
    }

    /// <summary>Gets how many configuration reloads held an invalid prompt; each kept the last good prompts serving.</summary>
    public int ReloadFailures => Volatile.Read(ref _reloadFailures);

    /// <inheritdoc/>
    public ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default) =>
        new(Volatile.Read(ref _prompts).GetValueOrDefault(name));

    /// <inheritdoc/>
    public IChangeToken? Watch() => _changes.Watch();

    /// <summary>Stops following configuration reloads.</summary>
    public void Dispose() => _subscription.Dispose();

    private void TryReload()
    {
        try
        {
            Volatile.Write(ref _prompts, Read(_section));
            _changes.Fire();
        }
#pragma warning disable CA1031 // runs inside configuration's reload (a file watcher's thread): nothing may escape
        catch (Exception error)
#pragma warning restore CA1031
        {
            // The last good prompts keep serving; the count tells operators that the configuration holds an error.
            Interlocked.Increment(ref _reloadFailures);
            PromptLog.ConfigurationReloadFailed(_logger, (_section as IConfigurationSection)?.Path ?? "(root)", error.Message, error);
        }
    }

    private static Dictionary<string, PromptDefinition> Read(IConfiguration section)
    {
        Dictionary<string, PromptDefinition> prompts = new(StringComparer.Ordinal);
        foreach (var prompt in section.GetChildren())
        {
            var definition = ReadPrompt(prompt);
            prompts[definition.Name] = definition;
        }

        return prompts;
    }

    private static PromptDefinition ReadPrompt(IConfigurationSection prompt)
    {
        var name = prompt.Key;
        List<PromptVersion> versions = [];
        foreach (var version in prompt.GetSection("Versions").GetChildren())
        {
            if (!int.TryParse(version.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                throw Error(version, $"'{version.Key}' is not a version number. Use 1, 2, 3…");
            }

            versions.Add(ReadVersion(name, number, version));
        }

        if (versions.Count == 0)
        {
            throw Error(prompt, $"Prompt '{name}' has no versions. Add 'Versions': {{ \"1\": {{ \"Text\": \"…\" }} }}.");
        }

        Dictionary<string, IReadOnlyList<PromptVersionWeight>> labels = new(StringComparer.Ordinal);
        var labelsSection = prompt.GetSection("Labels");
        foreach (var label in labelsSection.GetChildren())
        {
            labels[label.Key] = label.Value is { } single
                ? [new PromptVersionWeight(Int(label, single))]
                : [.. label.GetChildren().Select(static t => new PromptVersionWeight(
                    Int(t.GetSection("Version"), t["Version"] ?? throw Error(t, "This label target has no 'Version'.")),
                    t["Weight"] is { } w ? Double(t.GetSection("Weight"), w) : 1))];
        }

        if (!labelsSection.Exists())
        {
            labels[PromptConstants.DefaultLabel] = [new PromptVersionWeight(versions.Max(static v => v.Version))];
        }

        try
        {
            return new PromptDefinition(name, versions, labels);
        }
        catch (ArgumentException error)
        {
            throw Error(prompt, error.Message, error);
        }
    }

    private static PromptVersion ReadVersion(string name, int number, IConfigurationSection section)
    {
        var text = section["Text"];
        var messages = section.GetSection("Messages").GetChildren()
            .Select(static m => new PromptMessageTemplate(
                new ChatRole(m["Role"] ?? throw Error(m, "This message has no 'Role'. Use system, user, assistant or developer.")),
                m["Content"] ?? throw Error(m, "This message has no 'Content'.")))
            .ToList();
        if ((text is null) == (messages.Count == 0))
        {
            throw Error(section, "Give exactly one of 'Text' (one user message) or 'Messages' (a chat prompt).");
        }

        var model = section.GetSection("Model");
        var prompt = new PromptVersion(name, number, text is null ? messages : [new PromptMessageTemplate(ChatRole.User, text)], text)
        {
            Model = model.Exists() ? ReadModel(model) : null,
            Variables = [.. section.GetSection("Variables").GetChildren().Select(static v => new PromptVariable(
                v.Key,
                v["Required"] is { } r ? bool.Parse(r) : v["Default"] is null,
                v["Default"],
                v["Description"]))],
            Metadata = section.GetSection("Metadata").GetChildren().ToDictionary(static m => m.Key, static m => m.Value ?? string.Empty),
            Source = $"configuration '{section.Path}'",
        };
        if (PromptValidator.Validate(prompt).FirstOrDefault() is { } problem)
        {
            throw Error(section, problem.Message, problem);
        }

        return prompt;
    }

    private static PromptModelSettings ReadModel(IConfigurationSection model) => new()
    {
        ModelId = model["Id"],
        Temperature = model["Temperature"] is { } t ? (float)Double(model.GetSection("Temperature"), t) : null,
        TopP = model["TopP"] is { } p ? (float)Double(model.GetSection("TopP"), p) : null,
        MaxOutputTokens = model["MaxOutputTokens"] is { } m ? Int(model.GetSection("MaxOutputTokens"), m) : null,
        StopSequences = model.GetSection("Stop").GetChildren().Select(static s => s.Value ?? string.Empty).ToList() is { Count: > 0 } stops ? stops : null,
        ResponseFormat = model["ResponseFormat"] switch
        {
            null => model["Schema"] is { } schema ? ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schema).RootElement.Clone()) : null,
            "text" => ChatResponseFormat.Text,
            "json" => ChatResponseFormat.Json,
            var other => throw Error(model.GetSection("ResponseFormat"), $"Unknown response format '{other}'. Use text or json, or give a JSON schema string in 'Schema'."),
        },
    };

    private static int Int(IConfigurationSection at, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(at, $"'{text}' is not a whole number.");

    private static double Double(IConfigurationSection at, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(at, $"'{text}' is not a number.");

    private static PromptException Error(IConfigurationSection at, string message, Exception? inner = null) =>
        new($"Configuration '{at.Path}': {message}", inner) { FilePath = $"configuration '{at.Path}'" };
}

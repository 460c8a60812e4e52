using System.Reflection;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.DependencyInjection;

/// <summary>A key under the bound section that no option reads (a typo) stops the host's start, naming the key and the fix.</summary>
public sealed class UnknownConfigurationKeysValidatorTests
{
    [Theory]
    [InlineData("LlmOps:MaxRetryAtempts", "Did you mean 'MaxRetryAttempts' (LlmOps:Resilience:MaxRetryAttempts)?")]
    [InlineData("LlmOps:Resilience:MaxRetryAtempts", "Did you mean 'MaxRetryAttempts' (LlmOps:Resilience:MaxRetryAttempts)?")]
    [InlineData("LlmOps:Resilience:CircuitBreaker:FailureRatoi", "Did you mean 'FailureRatio' (LlmOps:Resilience:CircuitBreaker:FailureRatio)?")]
    [InlineData("LlmOps:Telemetry:Prices:acme-small:InputPerMillionToken", "Did you mean 'InputPerMillionTokens' (LlmOps:Telemetry:Prices:acme-small:InputPerMillionTokens)?")]
    public async Task AddLlmOps_MistypedKey_FailsHostStartNamingKeyAndNearestOption(string key, string suggestion)
    {
        using var host = BuildHost(new() { [key] = "5" }, (services, section) => services.AddLlmOps(section));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"Configuration key '{key}' is not an LlmOps option", error.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmOps_KeyFarFromAnyOption_ListsTheKeysThere()
    {
        using var host = BuildHost(new() { ["LlmOps:Prompts:Zzzzzzzz"] = "1" }, (services, section) => services.AddLlmOps(section));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'LlmOps:Prompts:Zzzzzzzz'", error.Message, StringComparison.Ordinal);
        Assert.Contains("The keys here are: CacheDuration, DefaultLabel, StrictVariables, MaxPartialDepth, SnapshotPath.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmOps_CodeOnlyOptionInConfiguration_FailsHostStartSayingHowToSetIt()
    {
        using var host = BuildHost(new() { ["LlmOps:Evaluation:Sinks"] = "jsonl" }, (services, section) => services.AddLlmOps(section));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'LlmOps:Evaluation:Sinks' cannot be set from configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddEvaluationSink", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmOps_ValidConfigurationWithPriceTable_HostStarts()
    {
        using var host = BuildHost(
            new()
            {
                ["LlmOps:Resilience:MaxRetryAttempts"] = "2",
                ["LlmOps:resilience:circuitbreaker:failureratio"] = "0.3", // configuration keys are case-insensitive
                ["LlmOps:Telemetry:Prices:acme-small:InputPerMillionTokens"] = "2",
                ["LlmOps:Telemetry:Prices:acme-small:OutputPerMillionTokens"] = "4",
                ["LlmOps:Telemetry:Prices:ACME/Large-2025:CachedInputPerMillionTokens"] = "1",
                ["LlmOps:Prompts:DefaultLabel"] = "staging",
                ["LlmOps:Evaluation:OverflowPolicy"] = "Wait",
            },
            (services, section) => services.AddLlmOps(section));

        await host.StartAsync();
        await host.StopAsync();

        var options = host.Services.GetRequiredService<IOptions<LlmOpsOptions>>().Value;
        Assert.Equal((2, 0.3, 2), (options.Resilience.MaxRetryAttempts, options.Resilience.CircuitBreaker.FailureRatio, options.Telemetry.Prices.Count));
    }

    [Fact]
    public async Task AddKeyedLlmOps_MistypedKeyInKeyedSection_FailsHostStartNamingKeyAndPipeline()
    {
        using var host = BuildHost(
            new() { ["LlmOps:Resilience:MaxRetryAttempts"] = "2", ["LlmOps:Fast:Resilience:MaxRetryAtempts"] = "0" },
            (services, section) => services.AddLlmOps(section).AddKeyedLlmOps("fast", section.GetSection("Fast")));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("fast", error.OptionsName);
        Assert.Contains("'LlmOps:Fast:Resilience:MaxRetryAtempts'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'MaxRetryAttempts' (LlmOps:Fast:Resilience:MaxRetryAttempts)?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddKeyedLlmOps_KeyedSectionInsideUnkeyedOne_HostStarts()
    {
        using var host = BuildHost(
            new() { ["LlmOps:Resilience:MaxRetryAttempts"] = "2", ["LlmOps:Fast:Resilience:MaxRetryAttempts"] = "0" },
            (services, section) => services.AddLlmOps(section).AddKeyedLlmOps("fast", section.GetSection("Fast")));

        await host.StartAsync();
        await host.StopAsync();

        var options = host.Services.GetRequiredService<IOptionsMonitor<LlmOpsOptions>>();
        Assert.Equal((2, 0), (options.Get(Options.DefaultName).Resilience.MaxRetryAttempts, options.Get("fast").Resilience.MaxRetryAttempts));
    }

    [Fact]
    public void Root_EveryOptionsProperty_IsInTheShapeAsItBinds()
    {
        List<string> differences = [];

        Compare(typeof(LlmOpsOptions), LlmOpsConfigurationShape.Root, "LlmOps", differences);

        Assert.True(differences.Count == 0, "LlmOpsConfigurationShape differs from the options: " + string.Join("; ", differences));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, Action<IServiceCollection, IConfigurationSection> register)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddKeyedChatClient("fast", new ScriptedChatClient());
        register(builder.Services, builder.Configuration.GetSection(LlmOpsOptions.SectionName));
        return builder.Build();
    }

    /// <summary>Walks the options classes as the configuration binder sees them and reports where the shape differs.</summary>
    private static void Compare(Type type, ConfigurationShape shape, string path, List<string> differences)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var property in properties)
        {
            var propertyPath = $"{path}:{property.Name}";
            if (!shape.Keys.TryGetValue(property.Name, out var child))
            {
                differences.Add($"{propertyPath} is missing");
                continue;
            }

            var expected = KindOf(property.PropertyType);
            if (child.Kind != expected)
            {
                differences.Add($"{propertyPath} is {child.Kind}, expected {expected}");
            }
            else if (expected == ConfigurationShapeKind.Section)
            {
                Compare(property.PropertyType, child, propertyPath, differences);
            }
            else if (expected == ConfigurationShapeKind.Map)
            {
                // A map has an item: a dictionary's value, a list's element; text and enums are values, not sections.
                var arguments = property.PropertyType.GetGenericArguments();
                var item = arguments[^1];
                if (child.Item!.Kind != KindOf(item))
                {
                    differences.Add($"{propertyPath}:* is {child.Item.Kind}, expected {KindOf(item)}");
                }
                else if (child.Item.Kind == ConfigurationShapeKind.Section)
                {
                    Compare(item, child.Item, propertyPath + ":*", differences);
                }
            }
        }

        foreach (var key in shape.Keys.Keys)
        {
            if (!properties.Any(p => p.Name == key))
            {
                differences.Add($"{path}:{key} is not an option");
            }
        }
    }

    private static ConfigurationShapeKind KindOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(TimeSpan)
            || underlying == typeof(decimal))
        {
            return ConfigurationShapeKind.Value;
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            return ConfigurationShapeKind.Map;
        }

        // A list of values or of plain option objects binds by index ("Limits:0:LimitUsd"), as a map does.
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IList<>)
            && underlying.GetGenericArguments()[0] is var item
            && (KindOf(item) == ConfigurationShapeKind.Value || (item.IsSealed && item.GetConstructor(Type.EmptyTypes) is not null)))
        {
            return ConfigurationShapeKind.Map;
        }

        // Delegates and lists of services or evaluators: configuration cannot create them.
        return typeof(Delegate).IsAssignableFrom(underlying) || underlying.IsGenericType
            ? ConfigurationShapeKind.CodeOnly
            : ConfigurationShapeKind.Section;
    }
}

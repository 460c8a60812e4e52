using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Tests.DependencyInjection;

public sealed class LlmOpsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddLlmOps_NoChatClient_ThrowsWithFix()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddLlmOps());

        Assert.Contains("AddChatClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLlmOps_OnlyKeyedChatClient_ThrowsWithFix()
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient("fast", new ScriptedChatClient());

        var error = Assert.Throws<InvalidOperationException>(() => services.AddLlmOps());

        Assert.Contains("AddChatClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeyedLlmOps_NoClientWithThatKey_ThrowsNamingTheKey()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddKeyedChatClient("fast", new ScriptedChatClient());

        var error = Assert.Throws<InvalidOperationException>(() => services.AddKeyedLlmOps("slow"));

        Assert.Contains("'slow'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddKeyedChatClient(\"slow\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLlmOps_WithChatClient_ReplacesItsRegistration()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        var original = Single(services, serviceKey: null);

        services.AddLlmOps();

        var decorated = Single(services, serviceKey: null);
        Assert.NotSame(original, decorated);
        Assert.IsType<ChatClientDecorator>(decorated.ImplementationFactory?.Target);
    }

    [Fact]
    public void AddLlmOps_CalledTwice_WrapsOnce()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        var original = Single(services, serviceKey: null);
        services.AddLlmOps();
        var afterFirst = Single(services, serviceKey: null);

        services.AddLlmOps(o => o.ConfigureResilience(r => r.MaxRetryAttempts = 1));

        var afterSecond = Single(services, serviceKey: null);
        Assert.Same(afterFirst, afterSecond);
        var decorator = Assert.IsType<ChatClientDecorator>(afterSecond.ImplementationFactory?.Target);
        Assert.Same(original, decorator.Original);
    }

    [Fact]
    public void AddLlmOps_CalledTwice_AppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps(o => o.ConfigureResilience(r => r.MaxRetryAttempts = 1));

        services.AddLlmOps(o => o.ConfigureResilience(r => r.MaxRetryAttempts += 4));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value;
        Assert.Equal(5, options.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public void AddKeyedLlmOps_KeyGiven_DecoratesOnlyThatClient()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());
        services.AddKeyedChatClient("fast", new ScriptedChatClient());
        services.AddKeyedChatClient("slow", new ScriptedChatClient());
        var unkeyed = Single(services, serviceKey: null);
        var slow = Single(services, "slow");

        services.AddKeyedLlmOps("fast");

        Assert.Same(unkeyed, Single(services, serviceKey: null));
        Assert.Same(slow, Single(services, "slow"));
        var fast = Single(services, "fast");
        Assert.Equal("fast", fast.ServiceKey);
        Assert.IsType<ChatClientDecorator>(fast.KeyedImplementationFactory?.Target);
    }

    [Fact]
    public void AddKeyedLlmOps_KeyGiven_ResolvesTheKeyedProvider()
    {
        var services = new ServiceCollection();
        var fastProvider = new ScriptedChatClient();
        services.AddChatClient(new ScriptedChatClient());
        services.AddKeyedChatClient("fast", fastProvider);
        services.AddKeyedLlmOps("fast");
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredKeyedService<IChatClient>("fast");

        Assert.Same(fastProvider, client.GetService<ScriptedChatClient>());
    }

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Scoped)]
    [InlineData(ServiceLifetime.Transient)]
    public void AddLlmOps_AnyLifetime_KeepsTheLifetime(ServiceLifetime lifetime)
    {
        var services = new ServiceCollection();
        services.AddChatClient(_ => new ScriptedChatClient(), lifetime);

        services.AddLlmOps();

        Assert.Equal(lifetime, Single(services, serviceKey: null).Lifetime);
    }

    [Fact]
    public async Task AddLlmOps_ClientRegisteredByType_ResolvesAndAnswers()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient, ScriptedChatClient>();
        services.AddLlmOps();
        using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello there");

        Assert.Equal("hello there", response.Text);
    }

    [Fact]
    public async Task AddLlmOps_ClientRegisteredByFactory_CallsTheFactoryOncePerSingleton()
    {
        var services = new ServiceCollection();
        var created = 0;
        services.AddChatClient(_ =>
        {
            created++;
            return new ScriptedChatClient();
        });
        services.AddLlmOps();
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("one");
        await provider.GetRequiredService<IChatClient>().GetResponseAsync("two");

        Assert.Equal(1, created);
    }

    [Fact]
    public void AddLlmOps_Configuration_BindsOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LlmOps:Resilience:MaxRetryAttempts"] = "7" })
            .Build();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        services.AddLlmOps(configuration.GetSection(LlmOpsOptions.SectionName));

        using var provider = services.BuildServiceProvider();
        Assert.Equal(7, provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public void AddLlmOps_ConfigurationThenCode_CodeWins()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Resilience:MaxRetryAttempts"] = "7" })
            .Build();
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        services.AddLlmOps(configuration, o => o.ConfigureResilience(r => r.MaxRetryAttempts = 2));

        using var provider = services.BuildServiceProvider();
        Assert.Equal(2, provider.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Resilience.MaxRetryAttempts);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    public async Task AddLlmOps_InvalidOption_FailsHostStartNamingOptionAndRange(string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["LlmOps:Resilience:MaxRetryAttempts"] = value });
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(builder.Configuration.GetSection(LlmOpsOptions.SectionName));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Resilience.MaxRetryAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLlmOps_ValidOptions_HostStarts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddChatClient(new ScriptedChatClient());
        builder.Services.AddLlmOps(o => o.ConfigureResilience(r => r.MaxRetryAttempts = 10));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(10, host.Services.GetRequiredService<IOptions<LlmOpsOptions>>().Value.Resilience.MaxRetryAttempts);
    }

    [Fact]
    public void AddKeyedLlmOps_KeyedClientInvokesFunctions_ThrowsWithTheWiringToWrite()
    {
        var services = new ServiceCollection();
        services.AddKeyedChatClient("tools", new ScriptedChatClient()).UseFunctionInvocation();
        services.AddKeyedLlmOps("tools");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IChatClient>("tools"));

        Assert.Contains(".UseFunctionInvocation().UseLlmOpsResilience()", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddLlmOps_ResilienceWrittenUnderFunctionInvocation_RetriesEachRequestWithOneStage(bool streaming)
    {
        var scripted = new ScriptedChatClient().FailCalls(ScriptedFault.ServiceUnavailable(), 1, 2, 3, 4);
        var services = new ServiceCollection();
        services.AddChatClient(scripted).UseFunctionInvocation().UseLlmOpsResilience();
        services.AddLlmOps(o => o.ConfigureResilience(r =>
        {
            r.MaxRetryAttempts = 1;
            r.BaseDelay = TimeSpan.Zero;
        }));
        await using var provider = services.BuildServiceProvider();

        await Record.ExceptionAsync(() => Resilience.ResilienceTestKit.CallAsync(provider.GetRequiredService<IChatClient>(), streaming));

        Assert.True(scripted.CallCount == 2, $"the provider was called {scripted.CallCount} times");
    }

    private static ServiceDescriptor Single(IServiceCollection services, object? serviceKey) =>
        Assert.Single(services, d => d.ServiceType == typeof(IChatClient) && Equals(d.ServiceKey, serviceKey));
}

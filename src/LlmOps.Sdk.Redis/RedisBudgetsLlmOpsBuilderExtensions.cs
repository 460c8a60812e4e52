using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace LlmOps.Sdk;

/// <summary>Shares an LlmOps pipeline's spend budgets across a fleet through Redis.</summary>
public static class RedisBudgetsLlmOpsBuilderExtensions
{
    /// <summary>The prefix of the budget keys in Redis by default: <c>llmops:budget:</c>.</summary>
    public const string DefaultKeyPrefix = "llmops:budget:";

    /// <summary>Keeps the pipeline's budget counters in Redis, connecting with a StackExchange.Redis configuration string.</summary>
    /// <remarks>
    /// Every instance configured with the same Redis and key prefix shares the counters of budgets of the same name.
    /// The connection is made on the first call and closed with the container. While Redis cannot be reached, calls
    /// under a budget fail with the Redis error rather than spend unchecked.
    /// </remarks>
    /// <param name="builder">The pipeline's builder.</param>
    /// <param name="configuration">The connection string, such as <c>localhost:6379</c>.</param>
    /// <param name="keyPrefix">The prefix of every key the budgets write.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static LlmOpsBuilder UseRedisBudgets(this LlmOpsBuilder builder, string configuration, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        return Replace(builder, _ => new RedisBudgetStore(configuration, keyPrefix));
    }

    /// <summary>Keeps the pipeline's budget counters in Redis, through a connection the host owns.</summary>
    /// <param name="builder">The pipeline's builder.</param>
    /// <param name="connection">The connection; the host disposes it.</param>
    /// <param name="keyPrefix">The prefix of every key the budgets write.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static LlmOpsBuilder UseRedisBudgets(this LlmOpsBuilder builder, IConnectionMultiplexer connection, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        return Replace(builder, _ => new RedisBudgetStore(connection, keyPrefix));
    }

    private static LlmOpsBuilder Replace(LlmOpsBuilder builder, Func<IServiceProvider, RedisBudgetStore> create)
    {
        // AddLlmOps registered the in-process store; this one replaces it for this pipeline alone.
        if (builder.ServiceKey is null)
        {
            builder.Services.RemoveAll<IBudgetStore>();
            builder.Services.AddSingleton<IBudgetStore>(create);
        }
        else
        {
            builder.Services.RemoveAllKeyed<IBudgetStore>(builder.ServiceKey);
            builder.Services.AddKeyedSingleton<IBudgetStore>(builder.ServiceKey, (services, _) => create(services));
        }

        return builder;
    }
}

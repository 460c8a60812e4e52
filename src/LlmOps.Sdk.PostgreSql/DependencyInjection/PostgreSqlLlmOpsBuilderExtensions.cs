using LlmOps.Sdk;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a <see cref="PostgreSqlPromptStore"/> to an LlmOps pipeline.</summary>
public static class PostgreSqlLlmOpsBuilderExtensions
{
    /// <summary>Adds prompts from PostgreSQL as a prompt source: a fleet's shared store, whose changes every instance serves at once.</summary>
    /// <remarks>
    /// The store migrates its schema and starts listening when the host starts; a database it cannot reach or sign in to
    /// stops the start with a message that names the store. Without a host, it starts on first use. The store is also
    /// registered as <see cref="PostgreSqlPromptStore"/> and <see cref="IPromptAdmin"/>, for tools that publish, and
    /// keeps the calls that <c>CaptureToRegistry</c> captures.
    /// </remarks>
    /// <param name="builder">The pipeline being configured.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Changes the store's settings.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static LlmOpsBuilder AddPromptsFromPostgreSql(
        this LlmOpsBuilder builder, string connectionString, Action<PostgreSqlPromptStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return AddStore(builder, options => options.Configure(o =>
        {
            o.ConnectionString = connectionString;
            configure?.Invoke(o);
        }));
    }

    /// <summary>Adds prompts from PostgreSQL as a prompt source, with the store's settings bound from configuration.</summary>
    /// <remarks>
    /// The section's keys are the properties of <see cref="PostgreSqlPromptStoreOptions"/> (<c>ConnectionString</c>,
    /// <c>MigrateOnStart</c>, …). Without a connection string, the store uses the <see cref="NpgsqlDataSource"/>
    /// registered in the services, as Npgsql's <c>AddNpgsqlDataSource</c> registers it.
    /// </remarks>
    /// <param name="builder">The pipeline being configured.</param>
    /// <param name="section">The configuration section, such as <c>configuration.GetSection("PromptStore")</c>.</param>
    /// <param name="configure">Changes the store's settings after binding.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static LlmOpsBuilder AddPromptsFromPostgreSql(
        this LlmOpsBuilder builder, IConfiguration section, Action<PostgreSqlPromptStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return AddStore(builder, options =>
        {
            options.Bind(section);
            if (configure is not null)
            {
                options.Configure(configure);
            }
        });
    }

    /// <summary>Adds prompts from PostgreSQL as a prompt source, on the <see cref="NpgsqlDataSource"/> registered in the services.</summary>
    /// <param name="builder">The pipeline being configured.</param>
    /// <param name="configure">Changes the store's settings.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static LlmOpsBuilder AddPromptsFromPostgreSql(this LlmOpsBuilder builder, Action<PostgreSqlPromptStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddStore(builder, options =>
        {
            if (configure is not null)
            {
                options.Configure(configure);
            }
        });
    }

    private static LlmOpsBuilder AddStore(LlmOpsBuilder builder, Action<OptionsBuilder<PostgreSqlPromptStoreOptions>> configureOptions)
    {
        var services = builder.Services;
        var name = builder.OptionsName; // each pipeline's store has its own options
        var options = services.AddOptions<PostgreSqlPromptStoreOptions>(name);
        configureOptions(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlPromptStoreOptions>, PostgreSqlPromptStoreOptionsValidator>());

        var key = new PostgreSqlStoreKey(name);
        services.AddKeyedSingleton(key, static (sp, k) => Create(sp, ((PostgreSqlStoreKey)k!).OptionsName)); // registered under this key
        PromptServices.AddStore(services, builder.ServiceKey, sp => sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key));
        services.AddSingleton<IHostedService>(sp => new PostgreSqlPromptStoreStarter(sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key)));
        if (builder.ServiceKey is null)
        {
            services.TryAddSingleton(sp => sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key));
            services.TryAddSingleton<IPromptAdmin>(sp => sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key));
            services.TryAddSingleton<ICapturedCaseStore>(sp => sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key));
        }
        else
        {
            services.TryAddKeyedSingleton(builder.ServiceKey, (sp, _) => sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key));
            services.TryAddKeyedSingleton<IPromptAdmin>(builder.ServiceKey, (sp, _) => sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key));
            services.TryAddKeyedSingleton<ICapturedCaseStore>(builder.ServiceKey, (sp, _) => sp.GetRequiredKeyedService<PostgreSqlPromptStore>(key));
        }

        return builder;
    }

    private static PostgreSqlPromptStore Create(IServiceProvider services, string optionsName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<PostgreSqlPromptStoreOptions>>().Get(optionsName);
        var time = services.GetService<TimeProvider>();
        var logger = services.GetService<ILogger<PostgreSqlPromptStore>>();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new PostgreSqlPromptStore(options.ConnectionString, options, time, logger);
        }

        var dataSource = services.GetService<NpgsqlDataSource>() ?? throw new InvalidOperationException(
            "The PostgreSQL prompt store has no connection string, and no NpgsqlDataSource is registered. Pass a connection string " +
            "to AddPromptsFromPostgreSql, set ConnectionString in its configuration section, or register a data source (AddNpgsqlDataSource).");
        return new PostgreSqlPromptStore(dataSource, options, time, logger);
    }

    /// <summary>The key of one pipeline's store among the services.</summary>
    private sealed record PostgreSqlStoreKey(string OptionsName);
}

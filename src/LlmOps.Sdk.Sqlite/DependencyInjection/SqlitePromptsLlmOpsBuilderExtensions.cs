using LlmOps.Sdk;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a SQLite prompt store to an LlmOps pipeline.</summary>
public static class SqlitePromptsLlmOpsBuilderExtensions
{
    /// <summary>Adds a SQLite database file as a prompt source, and registers it as the <see cref="IPromptAdmin"/> that writes prompts.</summary>
    /// <remarks>
    /// <para>
    /// Settings come from the configuration section <c>LlmOps:Prompts:Sqlite</c> (<c>Path</c>, <c>PollInterval</c>,
    /// <c>CreateIfMissing</c>, <c>BusyTimeout</c>), then from <paramref name="path"/>, then from
    /// <paramref name="configure"/>. A relative path is taken from the host's content root. The file is opened and
    /// migrated when the host starts; a file that is not a usable prompt database stops the start with a message naming
    /// it. Check its health with <see cref="SqlitePromptStoreHealthCheck"/>. The same file keeps the calls that
    /// <c>CaptureToRegistry</c> captures.
    /// </para>
    /// </remarks>
    /// <param name="builder">The pipeline being configured.</param>
    /// <param name="path">The database file; when <see langword="null"/>, <c>LlmOps:Prompts:Sqlite:Path</c> from configuration.</param>
    /// <param name="configure">Changes the settings after configuration and <paramref name="path"/> are applied.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static LlmOpsBuilder AddPromptsFromSqlite(this LlmOpsBuilder builder, string? path = null, Action<SqlitePromptStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var boundSection = BoundSection(builder);
        var services = builder.Services;
        Func<IServiceProvider, SqlitePromptStore> create = sp =>
        {
            var options = new SqlitePromptStoreOptions();
            var section = boundSection
                ?? (builder.ServiceKey is null ? sp.GetService<IConfiguration>()?.GetSection("LlmOps:" + SqliteConstants.SectionName) : null);
            if (section is not null)
            {
                SqliteConfiguration.Bind(section, options);
            }

            options.Path = path ?? options.Path;
            configure?.Invoke(options);
            if (!string.IsNullOrWhiteSpace(options.Path))
            {
                options.Path = PromptServices.ResolveDirectory(options.Path, sp.GetService<IHostEnvironment>());
            }

            return new SqlitePromptStore(options, sp.GetService<ILogger<SqlitePromptStore>>(), sp.GetService<TimeProvider>());
        };

        if (builder.ServiceKey is null)
        {
            services.AddSingleton(create);
            services.TryAddSingleton<IPromptAdmin>(static sp => sp.GetRequiredService<SqlitePromptStore>());
            services.TryAddSingleton(static sp => new SqlitePromptStoreHealthCheck(sp.GetRequiredService<SqlitePromptStore>()));
            services.TryAddSingleton<ICapturedCaseStore>(static sp => sp.GetRequiredService<SqlitePromptStore>());
            PromptServices.AddStore(services, null, static sp => sp.GetRequiredService<SqlitePromptStore>());
        }
        else
        {
            var key = builder.ServiceKey;
            services.AddKeyedSingleton(key, (sp, _) => create(sp));
            services.TryAddKeyedSingleton<IPromptAdmin>(key, static (sp, k) => sp.GetRequiredKeyedService<SqlitePromptStore>(k));
            services.TryAddKeyedSingleton<ICapturedCaseStore>(key, static (sp, k) => sp.GetRequiredKeyedService<SqlitePromptStore>(k));
            PromptServices.AddStore(services, key, sp => sp.GetRequiredKeyedService<SqlitePromptStore>(key));
        }

        return builder;
    }

    /// <summary>Finds the section this pipeline's options are bound from, and claims its <c>Prompts:Sqlite</c> child.</summary>
    /// <remarks>
    /// The core checks every key of that section against its own options; registering the child as bound elsewhere keeps
    /// the check from calling our keys typos, while a typo inside the child is reported by <see cref="SqliteConfiguration"/>.
    /// </remarks>
    private static IConfigurationSection? BoundSection(LlmOpsBuilder builder)
    {
        foreach (var descriptor in builder.Services)
        {
            if (descriptor.ImplementationInstance is LlmOpsConfigurationBinding binding && binding.OptionsName == builder.OptionsName)
            {
                var section = binding.Section.GetSection(SqliteConstants.SectionName);
                builder.Services.AddSingleton(new LlmOpsConfigurationBinding(SqliteConfiguration.OptionsName, section));
                return section;
            }
        }

        return null;
    }
}

using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Resilience;

/// <summary>Gives Polly loggers that drop what it reports at <see cref="LogLevel.None"/>.</summary>
/// <remarks>
/// Polly writes an event whose severity is <c>None</c> at <see cref="LogLevel.None"/> when the logger says that level is
/// enabled, and the logging framework's own filter does not stop it (a minimum level of Trace lets None through): only
/// some providers, the console's among them, refuse it. <see cref="PollyTelemetrySetup"/> silences events with that
/// severity, so they must reach no provider.
/// </remarks>
internal sealed class PollyLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new NoneDroppingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The container owns the wrapped factory.
    }

    private sealed class NoneDroppingLogger(ILogger logger) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel != LogLevel.None)
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}

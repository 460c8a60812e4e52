using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Benchmarks.Pipeline;

/// <summary>
/// A logging provider that is on from Information up, like a service's console logger, but writes nothing: callers do
/// the work of logging (level checks, state, formatting on demand) and the benchmark prints nothing.
/// </summary>
internal sealed class DiscardingLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => DiscardingLogger.Instance;

    public void Dispose()
    {
        // Nothing to release.
    }

    private sealed class DiscardingLogger : ILogger
    {
        public static readonly DiscardingLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _ = formatter(state, exception); // what a real provider would write
            }
        }
    }
}

using BenchmarkDotNet.Attributes;
using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.RateLimits;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Benchmarks.Budgets;

/// <summary>
/// The per-call checks of the cost-limit stages, in process: a budget reservation settled to its real cost (the
/// budget check), and a rate-limit permit, from the limiter alone and through the stage's gate.
/// </summary>
/// <remarks>
/// The budget rows reserve and give back the same amount, so the counter never fills however long the run; each row
/// reads the system clock as a call does. Targets: a budget check at most 200 ns with no allocation; a permit at most 200 ns.
/// </remarks>
[MemoryDiagnoser]
public class CostLimitCheckBenchmarks : IDisposable
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "How do I reset my password?")];
    private readonly InMemoryBudgetStore _store = new();
    private readonly BudgetCounterKey _key = new("client-day", "");
    private ClockSlidingWindowLimiter _limiter = null!;
    private ProviderRateLimiter _limiters = null!;
    private RateLimitGate _gate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _limiter = new ClockSlidingWindowLimiter(2_000_000_000, TimeProvider.System);
        _limiters = new ProviderRateLimiter(new RateLimitOptions { RequestsPerMinute = 2_000_000_000 }, TimeProvider.System, NullLogger.Instance);
        _gate = new RateLimitGate(_limiters, CharacterTokenCounter.Instance, new System.Diagnostics.Metrics.Meter("bench"));
    }

    [Benchmark]
    public bool BudgetCheckCalendarDay() => Check(rolling: false);

    [Benchmark]
    public bool BudgetCheckRollingDay() => Check(rolling: true);

    [Benchmark]
    public bool RateLimitPermit()
    {
        using var lease = _limiter.AttemptAcquire(1);
        return lease.IsAcquired;
    }

    [Benchmark]
    public async ValueTask<int> RateLimitGatePermit() =>
        (await _gate.AcquireAsync(Messages, null, "gpt-4o-mini", CancellationToken.None)).Tokens; // never waits: the limit is never reached

    public void Dispose()
    {
        _limiter?.Dispose();
        _limiters?.Dispose();
        GC.SuppressFinalize(this);
    }

    private bool Check(bool rolling)
    {
        var slot = BudgetSlot.At(BudgetWindow.Day, rolling, TimeProvider.System.GetUtcNow());
        var granted = _store.Reserve(_key, slot, 0.001, 1_000).Granted;
        _store.Adjust(_key, slot, -0.001);
        return granted;
    }
}

using System.Diagnostics.Metrics;
using System.Globalization;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Budgets;

/// <summary>Estimates a call's cost, reserves it against every budget that applies, and settles it to the real cost.</summary>
/// <remarks>
/// Reserve-then-settle bounds overspend under concurrency: a reservation is checked and added in one atomic step of the
/// store, so calls in flight together can never all pass the same check. A window's spend can pass its limit only by
/// what calls cost beyond their estimates (output is estimated at its maximum, so only input under-counted by the
/// estimator can do it). Thread-safe.
/// </remarks>
internal sealed class BudgetGuard
{
    private readonly BudgetRule[] _rules;
    private readonly IBudgetStore _store;
    private readonly ModelPriceTable _prices;
    private readonly ITokenCounter _tokens;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly double[] _thresholds;
    private readonly int _defaultMaxOutputTokens;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _warnings;

    public BudgetGuard(
        BudgetOptions options, IBudgetStore store, ModelPriceTable prices, ITokenCounter tokens, TimeProvider timeProvider, ILogger logger, Meter meter)
    {
        _rules = [.. options.Limits.Select(static budget => new BudgetRule(budget))];
        _store = store;
        _prices = prices;
        _tokens = tokens;
        _timeProvider = timeProvider;
        _logger = logger;
        _thresholds = [.. options.WarningThresholds ?? BudgetConstants.DefaultWarningThresholds];
        _defaultMaxOutputTokens = options.DefaultMaxOutputTokens;
        _refusals = meter.CreateCounter<long>(BudgetConstants.RefusalsMetric, "{call}", "Calls a spend budget refused or sent to a fallback model.");
        _warnings = meter.CreateCounter<long>(BudgetConstants.WarningsMetric, "{warning}", "Times a budget's spend crossed a warning threshold.");
    }

    /// <summary>Reserves the call's estimate against every budget that applies, rerouting it to a fallback model if one fits.</summary>
    /// <exception cref="BudgetExceededException">A budget would be exceeded and no fallback model fits.</exception>
    public async ValueTask<BudgetAdmission> AdmitAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, string? defaultModel, CancellationToken cancellationToken)
    {
        var model = options?.ModelId ?? defaultModel;
        var first = await TryAdmitAsync(messages, options, model, cancellationToken);
        if (first.Admission is { } admitted)
        {
            return admitted;
        }

        var refusal = first.Refusal!; // one of the two is set
        if (refusal.Rule.Budget.FallbackModelId is { } fallback && !string.Equals(fallback, model, StringComparison.Ordinal))
        {
            var rerouted = options?.Clone() ?? new ChatOptions();
            rerouted.ModelId = fallback;
            var second = await TryAdmitAsync(messages, rerouted, fallback, cancellationToken);
            if (second.Admission is { } fallbackAdmitted)
            {
                BudgetLog.Rerouted(_logger, refusal.Rule.Name, model ?? "", fallback);
                Count(_refusals, refusal.Rule.Name, "rerouted");
                return fallbackAdmitted;
            }
        }

        BudgetLog.Refused(_logger, refusal.Rule.Name, refusal.Model, refusal.EstimateUsd, refusal.SpentUsd, refusal.Rule.Budget.LimitUsd);
        Count(_refusals, refusal.Rule.Name, "refused");
        throw refusal.ToException();
    }

    /// <summary>Replaces the call's reservations with its real cost; without usage, the estimate stands as the cost.</summary>
    public async ValueTask SettleAsync(BudgetAdmission admission, string? respondedModel, UsageDetails? usage)
    {
        if (admission.Holds.Length == 0 || !_prices.TryGetCostUsd(respondedModel ?? admission.Model, usage, out var cost)
            && !_prices.TryGetCostUsd(admission.Model, usage, out cost))
        {
            return; // nothing to count, or no usage reported: keep the reservation, which over-counts rather than under
        }

        await AdjustAsync(admission, cost - admission.EstimateUsd);
    }

    /// <summary>Gives back a failed call's reservations: the provider charged nothing.</summary>
    public ValueTask ReleaseAsync(BudgetAdmission admission) =>
        admission.Holds.Length == 0 ? ValueTask.CompletedTask : AdjustAsync(admission, -admission.EstimateUsd);

    private async ValueTask AdjustAsync(BudgetAdmission admission, double deltaUsd)
    {
        if (deltaUsd == 0)
        {
            return;
        }

        foreach (var hold in admission.Holds)
        {
            try
            {
                // Not the caller's token: the answer has arrived, and what it cost must be counted even if the caller left.
                var total = await _store.AdjustAsync(hold.Key, hold.Slot, deltaUsd, CancellationToken.None);
                WarnOnCrossing(hold, total - deltaUsd, total);
            }
#pragma warning disable CA1031 // the call has its answer; a store that fails now must not take it away
            catch (Exception exception)
#pragma warning restore CA1031
            {
                BudgetLog.SettleFailed(_logger, hold.Rule.Name, exception);
            }
        }
    }

    private async ValueTask<Attempt> TryAdmitAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, string? model, CancellationToken cancellationToken)
    {
        List<BudgetHold>? holds = null;
        var estimate = double.NaN;
        var now = _timeProvider.GetUtcNow();
        foreach (var rule in _rules)
        {
            if (double.IsNaN(estimate))
            {
                // Only a call that some budget counts needs a model and a price.
                if (!AppliesToAny(options, model ?? ""))
                {
                    break;
                }

                estimate = Estimate(messages, options, model);
            }

            if (rule.ScopeValue(options, model!) is not { } scopeValue) // Estimate checked the model
            {
                continue;
            }

            var key = new BudgetCounterKey(rule.Name, scopeValue);
            var slot = BudgetSlot.At(rule.Budget.Window, rule.Budget.Rolling, now);
            var reservation = await _store.ReserveAsync(key, slot, estimate, rule.Budget.LimitUsd, cancellationToken);
            if (!reservation.Granted)
            {
                if (holds is not null)
                {
                    await ReleaseAsync(new BudgetAdmission(options, model!, estimate, [.. holds]));
                }

                return new Attempt(null, new Refusal(rule, scopeValue, slot, model!, reservation.TotalUsd, estimate));
            }

            var hold = new BudgetHold(rule, key, slot, estimate);
            (holds ??= []).Add(hold);
            WarnOnCrossing(hold, reservation.TotalUsd - estimate, reservation.TotalUsd);
        }

        return new Attempt(new BudgetAdmission(options, model ?? "", double.IsNaN(estimate) ? 0 : estimate, holds is null ? [] : [.. holds]), null);
    }

    private bool AppliesToAny(ChatOptions? options, string model)
    {
        foreach (var rule in _rules)
        {
            if (rule.ScopeValue(options, model) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private double Estimate(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            throw new InvalidOperationException(
                "A spend budget applies to this call, but the call names no model and the chat client reports no default model, so its cost " +
                "cannot be estimated. Set ChatOptions.ModelId (or the prompt's model), or register the client with a default model.");
        }

        var input = _tokens.CountInputTokens(messages, model);
        var output = options?.MaxOutputTokens ?? _defaultMaxOutputTokens;
        var usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output };
        if (!_prices.TryGetCostUsd(model, usage, out var cost))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"A spend budget applies to this call to model '{model}', but that model has no price, so its spend cannot be counted. " +
                $"Add its price to LlmOps:Telemetry:Prices:{model} (InputPerMillionTokens, OutputPerMillionTokens), or ConfigureTelemetry(t => t.Prices[\"{model}\"] = ...)."));
        }

        return cost;
    }

    private void WarnOnCrossing(BudgetHold hold, double before, double after)
    {
        var limit = hold.Rule.Budget.LimitUsd;
        foreach (var threshold in _thresholds)
        {
            if (before < threshold * limit && after >= threshold * limit)
            {
                BudgetLog.ThresholdCrossed(
                    _logger, hold.Rule.Name, hold.Rule.Budget.Scope, hold.Key.ScopeValue, after, limit,
                    hold.Slot.WindowStart(hold.Rule.Budget.Window), threshold);
                if (_warnings.Enabled)
                {
                    _warnings.Add(1,
                        new KeyValuePair<string, object?>(BudgetConstants.BudgetAttribute, hold.Rule.Name),
                        new KeyValuePair<string, object?>(BudgetConstants.ThresholdAttribute, threshold));
                }
            }
        }
    }

    private static void Count(Counter<long> counter, string budget, string outcome)
    {
        if (counter.Enabled)
        {
            counter.Add(1,
                new KeyValuePair<string, object?>(BudgetConstants.BudgetAttribute, budget),
                new KeyValuePair<string, object?>(BudgetConstants.OutcomeAttribute, outcome));
        }
    }

    private readonly record struct Attempt(BudgetAdmission? Admission, Refusal? Refusal);

    private sealed record Refusal(BudgetRule Rule, string ScopeValue, BudgetSlot Slot, string Model, double SpentUsd, double EstimateUsd)
    {
        public BudgetExceededException ToException()
        {
            var budget = Rule.Budget;
            var start = Slot.WindowStart(budget.Window);
            var window = budget.Rolling
                ? $"rolling {budget.Window.ToString().ToLowerInvariant()} (since {start:u})"
                : $"{budget.Window.ToString().ToLowerInvariant()} starting {start:u} (UTC)";
            var scope = budget.Scope == BudgetScope.Client ? "the whole client" : $"{budget.Scope.ToString().ToLowerInvariant()} '{ScopeValue}'";
            var fallback = budget.FallbackModelId is { } model
                ? $" The fallback model '{model}' does not fit either."
                : " Set FallbackModelId on the budget to send such calls to a cheaper model.";
            var message = string.Create(CultureInfo.InvariantCulture,
                $"Budget '{Rule.Name}' for {scope} refused a call to model '{Model}': the {window} window has spent {SpentUsd:F6} USD " +
                $"(calls in flight included) of its {budget.LimitUsd:F6} USD limit, and this call's estimate is {EstimateUsd:F6} USD " +
                $"(its input tokens plus its maximum output tokens). Wait for the window to move on, raise LimitUsd, or lower the call's " +
                $"MaxOutputTokens.{fallback}");
            return new BudgetExceededException(message)
            {
                BudgetName = Rule.Name,
                Scope = budget.Scope,
                ScopeValue = ScopeValue,
                Window = budget.Window,
                Rolling = budget.Rolling,
                WindowStart = start,
                LimitUsd = budget.LimitUsd,
                SpentUsd = SpentUsd,
                EstimateUsd = EstimateUsd,
                ModelId = Model,
            };
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using LlmOps.Sdk.Pipeline;
using LlmOps.Sdk.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Privacy;

/// <summary>Replaces personal data with placeholders before the inner client sees it, and restores them in the answer.</summary>
/// <remarks>
/// <para>
/// Thread-safe. Each call gets its own placeholders (<c>&lt;EMAIL_1&gt;</c>: the same value, the same placeholder in
/// every message of the call), kept only for the call and cleared when it ends. Redacted values become
/// <c>[REDACTED:kind]</c> and are not restored; a blocked kind fails the call with a <see cref="PiiPolicyException"/>
/// before the inner client is called. Function call arguments and results are protected and restored the same way.
/// </para>
/// <para>
/// The values never reach a log, a span, a metric or an exception: only kinds and counts do. With content capture on,
/// the call's span shows the messages as sent and received, with placeholders. A clean call passes through unchanged.
/// </para>
/// </remarks>
public sealed class PrivacyChatClient : DelegatingChatClient
{
    private readonly PrivacyPolicy _policy;
    private readonly ILogger _logger;
    private readonly PrivacyMetrics _metrics;

    /// <summary>Initializes a new instance of the <see cref="PrivacyChatClient"/> class.</summary>
    /// <param name="innerClient">The client that receives the protected messages.</param>
    /// <param name="options">What to look for and what to do with each kind.</param>
    /// <param name="loggerFactory">Where counts of protected values are logged, if anywhere.</param>
    /// <param name="meterFactory">Where the <c>llmops.privacy.detections</c> counter is created; a meter of its own when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><paramref name="options"/> is invalid.</exception>
    public PrivacyChatClient(IChatClient innerClient, PrivacyOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(innerClient, CreatePolicy(options), loggerFactory, meterFactory)
    {
    }

    internal PrivacyChatClient(IChatClient innerClient, PrivacyPolicy policy, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
        : base(ProviderBoundaryChatClient.Below(innerClient))
    {
        _policy = policy;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PrivacyChatClient>();
        _metrics = new PrivacyMetrics(meterFactory);
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var activity = LlmOpsActivity.Current;
        var sent = Protect(messages, ref options, activity, out var call);
        if (call is null)
        {
            // Nothing personal found: the call is sent as it came, and no state machine is needed.
            return base.GetResponseAsync(sent, options, cancellationToken);
        }

        return SendAsync(sent, options, call, activity, cancellationToken);
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        new PrivacyStream(this, messages, options, cancellationToken);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _metrics.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Protects the call's messages and instructions, records the counts, and throws when a blocked kind was found.</summary>
    internal IEnumerable<ChatMessage> Protect(IEnumerable<ChatMessage> messages, ref ChatOptions? options, Activity? activity, out PrivacyCall? call)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sent = PrivacyCall.Protect(_policy, messages, ref options, out call);
        if (call is null)
        {
            return sent;
        }

        Record(call, activity);
        if (call.Blocked is { } blocked)
        {
            call.Clear();
            throw Blocked(blocked, options);
        }

        if (call.Map.Count == 0)
        {
            // Only redacted: nothing to restore, so the answer needs no look.
            call = null;
        }

        if (LlmOpsActivity.CapturesContent(activity))
        {
            LlmOpsActivity.RecordSentMessages(activity, sent, options);
        }

        return sent;
    }

    /// <summary>Gets the stream from the inner client, for <see cref="PrivacyStream"/>.</summary>
    internal IAsyncEnumerable<ChatResponseUpdate> StreamFromInner(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private static PrivacyPolicy CreatePolicy(PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PrivacyOptionsValidator.ThrowIfInvalid(options);
        return PrivacyPolicy.Create(options, []);
    }

    private static PiiPolicyException Blocked(IReadOnlyList<(string Kind, int Position)> blocked, ChatOptions? options)
    {
        var kinds = new List<string>();
        var positions = new List<int>();
        var where = new StringBuilder();
        foreach (var (kind, position) in blocked)
        {
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }

            if (!positions.Contains(position))
            {
                positions.Add(position);
            }

            where.Append(where.Length == 0 ? string.Empty : ", ").Append(kind).Append(" in ")
                .Append(position == PrivacyCall.InstructionsPosition ? "the instructions" : string.Create(CultureInfo.InvariantCulture, $"message {position}"));
        }

        var prompt = options.GetRenderedPrompt() is { } version
            ? string.Create(CultureInfo.InvariantCulture, $" (prompt '{version.Name}' version {version.Version})")
            : string.Empty;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"The call{prompt} was blocked before the provider: it holds personal data that the privacy policy blocks ({where}). " +
            $"Remove those values from the messages, or set LlmOps:Privacy:Modes:{kinds[0]} to Pseudonymize or Redact.");
        return new PiiPolicyException(message, kinds, positions);
    }

    private async Task<ChatResponse> SendAsync(
        IEnumerable<ChatMessage> sent, ChatOptions? options, PrivacyCall call, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.GetResponseAsync(sent, options, cancellationToken);
            if (LlmOpsActivity.CapturesContent(activity))
            {
                LlmOpsActivity.RecordReceivedResponse(activity, response);
            }

            return call.Restore(response);
        }
        finally
        {
            call.Clear();
        }
    }

    private void Record(PrivacyCall call, Activity? activity)
    {
        var counts = call.Counts;
        _metrics.Record(counts);
        if (activity is not null)
        {
            var kinds = new string[counts.Count];
            var modes = new string[counts.Count];
            var numbers = new int[counts.Count];
            for (var i = 0; i < counts.Count; i++)
            {
                kinds[i] = counts[i].Kind;
                modes[i] = PrivacyMetrics.ModeName(counts[i].Mode);
                numbers[i] = counts[i].Count;
            }

            activity.SetTag(LlmOpsTelemetry.Attributes.PrivacyKinds, kinds);
            activity.SetTag(LlmOpsTelemetry.Attributes.PrivacyModes, modes);
            activity.SetTag(LlmOpsTelemetry.Attributes.PrivacyCounts, numbers);
        }

        if (call.Blocked is { } blocked)
        {
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                PrivacyLog.Blocked(_logger, BlockedKinds(blocked));
            }
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1873 // guarded by the IsEnabled just above, which the analyzer does not see through else-if
            PrivacyLog.Protected(_logger, Describe(counts));
#pragma warning restore CA1873
        }
    }

    private static string BlockedKinds(IReadOnlyList<(string Kind, int Position)> blocked)
    {
        var kinds = new List<string>();
        foreach (var (kind, _) in blocked)
        {
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return string.Join(", ", kinds);
    }

    private static string Describe(IReadOnlyList<PrivacyCount> counts)
    {
        var text = new StringBuilder();
        foreach (var count in counts)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(count.Kind).Append(' ').Append(PrivacyMetrics.ModeName(count.Mode))
                .Append(" x").Append(count.Count.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}

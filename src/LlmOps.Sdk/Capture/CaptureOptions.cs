namespace LlmOps.Sdk.Capture;

/// <summary>Settings for capturing production calls into a dataset file or the prompt registry's database.</summary>
/// <remarks>
/// Set through <c>AddLlmOps(o =&gt; o.CaptureToDataset("captured.jsonl", c =&gt; c.SamplingRate = 0.05))</c> or
/// <c>CaptureToRegistry("support", c =&gt; …)</c>. A call is
/// captured once, for the first reason that applies: sampled at <see cref="SamplingRate"/> when it returns, or later
/// by a rule (<see cref="CaptureFailedScores"/>, <see cref="CaptureNegativeFeedback"/>) while it is still among the
/// recent calls. Content is redacted unless <see cref="KeepRawContent"/> is set.
/// </remarks>
public sealed class CaptureOptions
{
    /// <summary>Gets or sets the JSON Lines file captured calls are appended to; created, with its directory, when missing.</summary>
    /// <value>Set by <c>CaptureToDataset(path)</c>; left empty by <c>CaptureToRegistry</c>, which writes to the registry's database.</value>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the dataset the registry's database files captured calls under, or <see langword="null"/> for a file.</summary>
    internal string? Dataset { get; set; }

    /// <summary>Gets or sets the share of calls captured when they return, whatever their scores.</summary>
    /// <value>From 0 to 1. The default is 0.01 (one call in a hundred).</value>
    public double SamplingRate { get; set; } = CaptureConstants.DefaultSamplingRate;

    /// <summary>Gets or sets whether every call an evaluator labels <c>fail</c> is captured.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CaptureFailedScores { get; set; } = true;

    /// <summary>Gets or sets whether every call that gets negative feedback (<see cref="Feedback.ChatFeedback.IsNegative"/>) is captured.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CaptureNegativeFeedback { get; set; } = true;

    /// <summary>Gets or sets whether messages, responses, variables and corrections are written as they are.</summary>
    /// <value>
    /// The default is <see langword="false"/>: every text passes the <c>IRedactor</c> registered in DI (the built-in
    /// PII redactor unless replaced), and feedback's user ids are left out.
    /// </value>
    public bool KeepRawContent { get; set; }

    /// <summary>Gets or sets how many captured calls may wait to be written.</summary>
    /// <value>From 1 to 1,000,000. The default is 1024. Calls beyond it are dropped and counted in <c>llmops.capture.dropped</c>.</value>
    public int QueueCapacity { get; set; } = CaptureConstants.DefaultQueueCapacity;

    /// <summary>Gets or sets how long shutdown waits for queued calls to be written; what is left is counted and logged.</summary>
    /// <value>From 0 to 10 minutes. The default is 10 seconds.</value>
    public TimeSpan DrainTimeout { get; set; } = CaptureConstants.DefaultDrainTimeout;

    /// <summary>Throws when a value is out of range, naming the option and the range.</summary>
    internal static void ThrowIfInvalid(CaptureOptions options)
    {
        if (options.Dataset is { } dataset)
        {
            if (CaptureDatasetName.Problem(dataset) is { } problem)
            {
                throw new ArgumentException($"CaptureToRegistry: {problem}", nameof(options));
            }

            if (!string.IsNullOrEmpty(options.Path))
            {
                throw new ArgumentException(
                    $"CaptureOptions.Path is set to '{options.Path}', but CaptureToRegistry(\"{dataset}\") captures into the prompt registry's database, not a file. " +
                    "Leave Path unset, or call CaptureToDataset(path) to capture into a file instead.", nameof(options));
            }
        }
        else if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException("CaptureOptions.Path is empty. Give the JSON Lines file to capture calls into, such as \"captured/support.jsonl\", or call CaptureToRegistry(dataset) to capture into the prompt registry's database.", nameof(options));
        }

        if (!(options.SamplingRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SamplingRate,
                $"CaptureOptions.SamplingRate is {options.SamplingRate}; it must be from 0 to 1 (0.05 captures one call in twenty).");
        }

        if (options.QueueCapacity is < 1 or > CaptureConstants.MaxQueueCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.QueueCapacity,
                $"CaptureOptions.QueueCapacity is {options.QueueCapacity}; it must be from 1 to {CaptureConstants.MaxQueueCapacity:N0}.");
        }

        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > CaptureConstants.MaxDrainTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DrainTimeout,
                $"CaptureOptions.DrainTimeout is {options.DrainTimeout}; it must be from 00:00:00 to {CaptureConstants.MaxDrainTimeout}.");
        }
    }
}

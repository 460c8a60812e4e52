using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk;

public sealed partial class LlmOpsBuilder
{
    /// <summary>Keeps the most recent calls by response id, so that <see cref="IChatFeedback"/> records feedback against their prompt version.</summary>
    /// <remarks>
    /// Inject <see cref="IChatFeedback"/> (keyed with <see cref="ServiceKey"/> for a keyed pipeline) where feedback
    /// arrives. Remembering a call costs one dictionary update and no allocation.
    /// </remarks>
    /// <param name="configure">Sets how many recent calls are kept; 10,000 by default.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value set by <paramref name="configure"/> is out of range; the message names it.</exception>
    public LlmOpsBuilder AddFeedback(Action<FeedbackOptions>? configure = null)
    {
        // Configured now, not when options are first read: a mistake surfaces at the call that made it.
        var feedback = new FeedbackOptions();
        configure?.Invoke(feedback);
        FeedbackOptions.ThrowIfInvalid(feedback);
        Services.Configure<FeedbackOptions>(OptionsName, options =>
        {
            options.Enabled = true;
            options.RecentCallCapacity = feedback.RecentCallCapacity;
        });
        return this;
    }

    /// <summary>Captures production calls into a JSON Lines dataset that experiments load: sampled, and every call that fails a score or gets negative feedback.</summary>
    /// <remarks>
    /// Keeps recent calls as <see cref="AddFeedback"/> does. Each line is a dataset item: the prompt's variables, the
    /// correction from feedback as the expected answer, and the prompt, version, messages, response, scores and feedback
    /// in its metadata. Content passes the registered <c>IRedactor</c> unless <see cref="CaptureOptions.KeepRawContent"/>
    /// is set. Lines are written by a bounded background queue, drained when the host stops.
    /// </remarks>
    /// <param name="path">The file to append to; created, with its directory, when missing.</param>
    /// <param name="configure">Sets the sampling rate, the rules, raw content and the queue.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or a value set by <paramref name="configure"/> is out of range; the message names it.</exception>
    public LlmOpsBuilder CaptureToDataset(string path, Action<CaptureOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var capture = new CaptureOptions { Path = path };
        configure?.Invoke(capture);
        CaptureOptions.ThrowIfInvalid(capture);
        AddCapture(capture);
        return this;
    }
}

using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Feedback;

/// <summary>Remembers the most recent calls by response id: their prompt version, span and, for capture, their content.</summary>
/// <remarks>
/// Thread-safe. A ring of preallocated slots plus a dictionary sized for it: remembering a call allocates nothing, and
/// the oldest call is forgotten when the ring is full. Scores may arrive before the call is remembered (inline
/// evaluation writes to its sinks before the call returns to the feedback stage): they claim the call's slot by its
/// response id, and the call fills it in when it returns.
/// </remarks>
internal sealed class RecentCallIndex
{
    private readonly RecentCall[] _slots;
    private readonly Dictionary<string, int> _positions;
    private readonly Lock _gate = new();
    private int _next;

    public RecentCallIndex(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _slots = new RecentCall[capacity];
        _positions = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
    }

    /// <summary>Gets how many calls are remembered at most.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Remembers a finished call; returns whether a failing score arrived for it already.</summary>
    public bool Add(string responseId, in CallFacts facts)
    {
        lock (_gate)
        {
            ref var slot = ref Claim(responseId);
            slot.HasCall = true;
            slot.PromptName = facts.PromptName;
            slot.PromptVersion = facts.PromptVersion;
            slot.Trace = facts.Trace;
            slot.ModelId = facts.ModelId;
            slot.Messages = facts.Messages;
            slot.MessageCount = facts.MessageCount;
            slot.Response = facts.Response;
            slot.Variables = facts.Variables;
            return slot.Records is { } records && AnyFailed(records);
        }
    }

    /// <summary>Finds a remembered call's prompt version and span.</summary>
    public bool TryGetReference(string responseId, out CallReference reference)
    {
        lock (_gate)
        {
            if (_positions.TryGetValue(responseId, out var position) && _slots[position].HasCall)
            {
                ref var slot = ref _slots[position];
                reference = new CallReference(slot.PromptName, slot.PromptVersion, slot.Trace, slot.ModelId);
                return true;
            }
        }

        reference = default;
        return false;
    }

    /// <summary>Keeps a score or feedback for a call; one whose call is not remembered yet claims a slot for it.</summary>
    public void Attach(EvaluationRecord record, string? correction = null)
    {
        if (record.ResponseId is not { } responseId)
        {
            return;
        }

        lock (_gate)
        {
            ref var slot = ref Claim(responseId);
            (slot.Records ??= []).Add(record);
            slot.Correction = correction ?? slot.Correction;
        }
    }

    /// <summary>Takes a copy of a remembered call's content to capture it, once; <see langword="false"/> when it is unknown, has no content or was captured.</summary>
    public bool TryTake(string responseId, string reason, DateTimeOffset now, out CapturedCall? call)
    {
        call = null;
        lock (_gate)
        {
            if (!_positions.TryGetValue(responseId, out var position))
            {
                return false;
            }

            ref var slot = ref _slots[position];
            if (!slot.HasCall || slot.Captured || slot.Response is null)
            {
                return false;
            }

            slot.Captured = true;

            // Only the messages the call sent: a caller that appends the answer to its own history list must not add it here.
            var messages = new List<ChatMessage>(slot.MessageCount);
            if (slot.Messages is not null)
            {
                foreach (var message in slot.Messages)
                {
                    if (messages.Count == slot.MessageCount)
                    {
                        break;
                    }

                    messages.Add(message);
                }
            }

            call = new CapturedCall(responseId, reason, now, messages, slot.Response)
            {
                PromptName = slot.PromptName,
                PromptVersion = slot.PromptVersion,
                ModelId = slot.ModelId,
                TraceId = slot.Trace == default ? null : slot.Trace.TraceId.ToHexString(),
                Variables = slot.Variables,
                Records = slot.Records is { } records ? [.. records] : [],
                Correction = slot.Correction,
            };
            return true;
        }
    }

    private ref RecentCall Claim(string responseId)
    {
        if (_positions.TryGetValue(responseId, out var position))
        {
            return ref _slots[position];
        }

        position = _next;
        _next = position + 1 == _slots.Length ? 0 : position + 1;
        ref var slot = ref _slots[position];
        if (slot.ResponseId is { } forgotten)
        {
            _positions.Remove(forgotten);
        }

        slot = default;
        slot.ResponseId = responseId;
        _positions.Add(responseId, position);
        return ref slot;
    }

    internal static bool AnyFailed(List<EvaluationRecord> records)
    {
        foreach (var record in records)
        {
            if (AnyFailed(record))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool AnyFailed(EvaluationRecord record)
    {
        if (record.Source is not null)
        {
            return false; // a person's verdict is the negative-feedback rule's, not the failed-score rule's
        }

        foreach (var score in record.Scores)
        {
            if (score.ErrorType is null && score.Label == EvaluationScore.FailLabel)
            {
                return true;
            }
        }

        return false;
    }
}

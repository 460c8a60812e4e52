using System.Numerics;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Feedback;

/// <summary>Remembers the most recent calls by response id: their prompt version, span and, for capture, their content.</summary>
/// <remarks>
/// Thread-safe. A ring of preallocated slots chained into a hash table of its own: remembering a call allocates
/// nothing, and the oldest call is forgotten when the ring is full. Not a <see cref="Dictionary{TKey, TValue}"/>:
/// removing the oldest id from one hashes that id again, a read of a string long out of the CPU cache on every call;
/// here each slot keeps its hash, so forgetting a call touches only the slot and its bucket. Scores may arrive before the call is remembered (inline
/// evaluation writes to its sinks before the call returns to the feedback stage): they claim the call's slot by its
/// response id, and the call fills it in when it returns.
/// </remarks>
internal sealed class RecentCallIndex
{
    private readonly RecentCall[] _slots;
    private readonly int[] _buckets; // the first slot of each bucket, plus one; 0 is an empty bucket
    private readonly int _mask;
    private readonly Lock _gate = new();
    private int _next;

    public RecentCallIndex(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _slots = new RecentCall[capacity];
        _buckets = new int[(int)Math.Min(1L << 30, BitOperations.RoundUpToPowerOf2((uint)capacity) * 2L)]; // about two buckets a call: short chains
        _mask = _buckets.Length - 1;
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
            if (Find(responseId, responseId.GetHashCode(StringComparison.Ordinal)) is var position and >= 0 && _slots[position].HasCall)
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
            var position = Find(responseId, responseId.GetHashCode(StringComparison.Ordinal));
            if (position < 0)
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
        var hash = responseId.GetHashCode(StringComparison.Ordinal);
        var position = Find(responseId, hash);
        if (position >= 0)
        {
            return ref _slots[position]; // the same id again (a replayed response, or scores that came first): one slot
        }

        position = _next;
        _next = position + 1 == _slots.Length ? 0 : position + 1;
        ref var slot = ref _slots[position];
        if (slot.ResponseId is not null)
        {
            Unlink(position, slot.Hash);
        }

        slot = default;
        slot.ResponseId = responseId;
        slot.Hash = hash;
        ref var bucket = ref _buckets[hash & _mask];
        slot.Next = bucket;
        bucket = position + 1;
        return ref slot;
    }

    private int Find(string responseId, int hash)
    {
        for (var i = _buckets[hash & _mask] - 1; i >= 0; i = _slots[i].Next - 1)
        {
            ref var slot = ref _slots[i];
            if (slot.Hash == hash && string.Equals(slot.ResponseId, responseId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Takes a slot out of its bucket's chain, by position: the slot's id is not read.</summary>
    private void Unlink(int position, int hash)
    {
        ref var link = ref _buckets[hash & _mask];
        while (link != 0)
        {
            if (link - 1 == position)
            {
                link = _slots[position].Next;
                return;
            }

            link = ref _slots[link - 1].Next;
        }
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

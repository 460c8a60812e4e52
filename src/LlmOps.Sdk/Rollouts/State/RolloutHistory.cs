using LlmOps.Sdk.Prompts;
using System.Text.Json;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Reads and writes a rollout's state in the prompt registry's history.</summary>
internal static class RolloutHistory
{
    /// <summary>Writes the reason of a label change that records <paramref name="record"/>.</summary>
    public static string ToReason(RolloutRecord record) =>
        RolloutConstants.ReasonPrefix + JsonSerializer.Serialize(record, RolloutJsonContext.Default.RolloutRecord);

    /// <summary>Reads the rollout state a history entry records, if it is a rollout's.</summary>
    public static RolloutRecord? TryRead(PromptHistoryEntry entry)
    {
        if (entry.Kind == PromptHistoryKind.Publish || !entry.Reason.StartsWith(RolloutConstants.ReasonPrefix + "{", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(entry.Reason.AsSpan(RolloutConstants.ReasonPrefix.Length), RolloutJsonContext.Default.RolloutRecord);
        }
        catch (JsonException)
        {
            return null; // a reason that merely starts like ours is someone's note, not a rollout
        }
    }

    /// <summary>Reads the latest label change of every label of a prompt, with the rollout state it records, if any.</summary>
    public static async ValueTask<Dictionary<string, (PromptHistoryEntry Entry, RolloutRecord? Record)>> ReadLabelsAsync(
        IPromptAdmin admin, string name, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, PromptHistoryEntry>(StringComparer.Ordinal);
        await foreach (var entry in admin.GetHistoryAsync(name, cancellationToken))
        {
            if (entry is { Kind: not PromptHistoryKind.Publish, Label: { } label })
            {
                latest[label] = entry;
            }
        }

        var result = new Dictionary<string, (PromptHistoryEntry, RolloutRecord?)>(latest.Count, StringComparer.Ordinal);
        foreach (var (label, entry) in latest)
        {
            result[label] = (entry, TryRead(entry));
        }

        return result;
    }
}

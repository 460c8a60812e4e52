namespace LlmOps.Sdk.Experiments;

/// <summary>A 64-bit FNV-1a hash of an output, so repeated runs can be compared without keeping their text.</summary>
internal static class OutputHash
{
    public static ulong Of(string? output)
    {
        if (output is null)
        {
            return 0;
        }

        var hash = 14695981039346656037UL;
        foreach (var c in output.AsSpan())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash == 0 ? 1 : hash; // 0 stands for "no output"
    }
}

using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LlmOps.Sdk.Caching;

/// <summary>The bytes a cached response is stored as: a format byte, when it stops being served, and its JSON.</summary>
/// <remarks>
/// Bytes rather than a <see cref="ChatResponse"/>: every hit then gets a response of its own, which the caller and
/// the stages above may change freely, and the same bytes serve the in-memory and the distributed level. The time it
/// stops being served is ours, read from the stage's <see cref="TimeProvider"/>, so that an entry lasts as long as the
/// prompt or call asked whatever clock the distributed cache keeps. The JSON is Microsoft.Extensions.AI's own
/// (source-generated, trim-safe); <see cref="ChatResponse.RawRepresentation"/> is not stored.
/// </remarks>
internal static class CachedResponsePayload
{
    private const byte Format = 1;
    private const int HeaderLength = 1 + sizeof(long);

    private static readonly JsonTypeInfo<ChatResponse> ResponseInfo =
        (JsonTypeInfo<ChatResponse>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse));

    /// <summary>Writes a response, or returns <see langword="null"/> when it holds a value that does not serialize.</summary>
    public static byte[]? TryWrite(ChatResponse response, DateTimeOffset expiresAt)
    {
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(response, ResponseInfo);
        }
        catch (NotSupportedException)
        {
            return null; // a provider's own content type: served to its caller, never stored
        }

        var payload = new byte[HeaderLength + json.Length];
        payload[0] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(1), expiresAt.ToUnixTimeMilliseconds());
        json.CopyTo(payload, HeaderLength);
        return payload;
    }

    /// <summary>Reads a stored response; <see langword="false"/> when the bytes are not ours or no longer to be served.</summary>
    public static bool TryRead(byte[]? payload, DateTimeOffset now, out ChatResponse? response)
    {
        response = null;
        if (payload is null || payload.Length <= HeaderLength || payload[0] != Format)
        {
            return false;
        }

        var expiresAt = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(1));
        if (now.ToUnixTimeMilliseconds() >= expiresAt)
        {
            return false;
        }

        try
        {
            response = JsonSerializer.Deserialize(payload.AsSpan(HeaderLength), ResponseInfo);
        }
        catch (JsonException)
        {
            return false; // written by another version of the SDK: ask the provider again, and overwrite it
        }

        return response is not null;
    }
}

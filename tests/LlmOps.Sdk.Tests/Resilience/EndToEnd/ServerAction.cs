namespace LlmOps.Sdk.Tests.Resilience.EndToEnd;

/// <summary>What <see cref="ChatCompletionsServer"/> does with one HTTP attempt.</summary>
internal sealed record ServerAction
{
    private ServerAction(ServerActionKind kind) => Kind = kind;

    public ServerActionKind Kind { get; }

    public string Text { get; private init; } = "";

    public int Status { get; private init; } = 200;

    public string Body { get; private init; } = "";

    public IReadOnlyList<(string Name, string Value)> Headers { get; private init; } = [];

    /// <summary>Answers 200 with the text, as JSON or as SSE chunks, whichever the request asked for.</summary>
    public static ServerAction Reply(string text) => new(ServerActionKind.Reply) { Text = text };

    /// <summary>Answers with an error status, an OpenAI-style error body and the given headers.</summary>
    public static ServerAction Fail(int status, params (string Name, string Value)[] headers) => new(ServerActionKind.Fail)
    {
        Status = status,
        Headers = headers,
        Body = $$$"""{"error":{"message":"Injected HTTP {{{status}}}.","type":"server_error","code":null}}""",
    };

    /// <summary>Answers 429 saying the quota is used up, as OpenAI does.</summary>
    public static ServerAction QuotaExceeded() => new(ServerActionKind.Fail)
    {
        Status = 429,
        Body = """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}""",
    };

    /// <summary>Answers 200 asking the client to call one tool, as JSON or as SSE chunks, whichever the request asked for.</summary>
    public static ServerAction CallTool(string name, string argumentsJson) => new(ServerActionKind.CallTool)
    {
        Text = name,
        Body = argumentsJson,
    };

    /// <summary>Closes the connection without answering.</summary>
    public static ServerAction Drop() => new(ServerActionKind.Drop);

    /// <summary>Never answers until the server stops: a provider that hangs.</summary>
    public static ServerAction Hang() => new(ServerActionKind.Hang);

    /// <summary>Streams the first chunk of the text, waits until the test has read it, then cuts the connection.</summary>
    public static ServerAction CutStream(string firstChunk) => new(ServerActionKind.CutStream) { Text = firstChunk };
}

internal enum ServerActionKind
{
    Reply,
    Fail,
    Drop,
    Hang,
    CutStream,
    CallTool,
}

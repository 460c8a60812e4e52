using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace LlmOps.Sdk.Tests.Resilience.EndToEnd;

/// <summary>
/// A small OpenAI chat-completions server on 127.0.0.1 (a random free port) that answers by script and counts every
/// HTTP attempt it receives, so end-to-end tests can assert what really went over the wire.
/// </summary>
/// <remarks>
/// Speaks just enough HTTP/1.1 over a raw socket (one request per connection) to control the failures exactly: a dropped
/// connection is a TCP reset, a cut stream stops mid-body. Answers non-streaming JSON and SSE streaming
/// (<c>"stream": true</c>), as the official OpenAI SDK expects.
/// </remarks>
internal sealed class ChatCompletionsServer : IAsyncDisposable
{
    public const string Model = "gpt-test";

    private readonly TcpListener _listener;
    private readonly Func<ServerRequest, ServerAction> _script;
    private readonly Channel<ServerRequest> _received = Channel.CreateUnbounded<ServerRequest>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _releaseCuts = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _acceptLoop;
    private int _attempts;

    private ChatCompletionsServer(Func<ServerRequest, ServerAction> script)
    {
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0); // port 0: the OS picks a free one
        _listener.Start(backlog: 1024);
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Gets the base address to give the OpenAI SDK.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets how many HTTP requests reached the server.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static ChatCompletionsServer Start(Func<ServerRequest, ServerAction> script) => new(script);

    /// <summary>Waits until the server has received <paramref name="count"/> requests in all, and returns the last.</summary>
    public async Task<ServerRequest> WaitForAttemptAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var request = await _received.Reader.ReadAsync(timeout.Token);
            if (request.AttemptNumber >= count)
            {
                return request;
            }
        }
    }

    /// <summary>Lets streams scripted with <see cref="ServerAction.CutStream"/> cut their connection now.</summary>
    public void ReleaseCuts() => _releaseCuts.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _releaseCuts.TrySetResult();
        _listener.Stop();
        await _acceptLoop;
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped
            }

            _ = Task.Run(() => HandleAsync(socket));
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                if (await ReadRequestAsync(stream) is not { } received)
                {
                    return;
                }

                var request = ParseRequest(received.Attempt, received.Body);
                _received.Writer.TryWrite(request);
                await RespondAsync(socket, stream, request, _script(request));
            }
#pragma warning disable CA1031 // a client that went away mid-answer is part of the scenarios, not a server failure
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
#pragma warning restore CA1031
            {
            }
        }
    }

    private async Task RespondAsync(Socket socket, NetworkStream stream, ServerRequest request, ServerAction action)
    {
        switch (action.Kind)
        {
            case ServerActionKind.Drop:
                Reset(socket);
                return;

            case ServerActionKind.Hang:
                await Task.Delay(Timeout.Infinite, _stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
                Reset(socket);
                return;

            case ServerActionKind.Fail:
                await WriteResponseAsync(stream, action.Status, "application/json", action.Body, action.Headers);
                return;

            case ServerActionKind.CutStream:
                await WriteStreamHeadAsync(stream);
                await WriteEventAsync(stream, Chunk(request.AttemptNumber, action.Text, finishReason: null));
                await _releaseCuts.Task;
                Reset(socket); // mid-body: no terminating chunk, no [DONE]
                return;

            case ServerActionKind.CallTool when request.Streaming:
                await WriteStreamHeadAsync(stream);
                await WriteEventAsync(stream, ToolCallChunk(request.AttemptNumber, action.Text, action.Body));
                await WriteEventAsync(stream, Chunk(request.AttemptNumber, content: null, finishReason: "tool_calls"));
                await WriteEventAsync(stream, "[DONE]");
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
                return;

            case ServerActionKind.CallTool:
                await WriteResponseAsync(stream, 200, "application/json", ToolCall(request.AttemptNumber, action.Text, action.Body), []);
                return;

            case ServerActionKind.Reply when request.Streaming:
                await WriteStreamHeadAsync(stream);
                var words = action.Text.Split(' ');
                for (var i = 0; i < words.Length; i++)
                {
                    await WriteEventAsync(stream, Chunk(request.AttemptNumber, (i > 0 ? " " : "") + words[i], finishReason: null));
                }

                await WriteEventAsync(stream, Chunk(request.AttemptNumber, content: null, finishReason: "stop"));
                await WriteEventAsync(stream, "[DONE]");
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
                return;

            default:
                await WriteResponseAsync(stream, 200, "application/json", Completion(request.AttemptNumber, action.Text), []);
                return;
        }
    }

    /// <summary>Closes with a TCP reset, as a crashed proxy or a dropped network does.</summary>
    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(enable: true, seconds: 0);
        socket.Close();
    }

    /// <summary>Reads one request's head and body and counts it; <see langword="null"/> when the client left first.</summary>
    private async Task<(int Attempt, byte[] Body)?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stopping.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var attempt = Interlocked.Increment(ref _attempts);
        var all = buffer.ToArray();
        var head = Encoding.ASCII.GetString(all, 0, headEnd);
        var contentLength = 0;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line.AsSpan("Content-Length:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        var body = new MemoryStream();
        body.Write(all, headEnd + 4, all.Length - headEnd - 4);
        while (body.Length < contentLength)
        {
            var read = await stream.ReadAsync(chunk, _stopping.Token);
            if (read == 0)
            {
                return null;
            }

            body.Write(chunk, 0, read);
        }

        return (attempt, body.ToArray());
    }

    private static int IndexOfHeadEnd(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8);

    private static ServerRequest ParseRequest(int attempt, byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var streaming = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        var messages = root.GetProperty("messages");
        var content = messages[messages.GetArrayLength() - 1].GetProperty("content");
        var text = content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? "",
            JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : "")),
            _ => "",
        };
        var toolResults = messages.EnumerateArray().Count(m => m.GetProperty("role").GetString() == "tool");
        return new ServerRequest(attempt, streaming, text, Encoding.UTF8.GetString(body), toolResults);
    }

    private static async Task WriteResponseAsync(
        NetworkStream stream, int status, string contentType, string body, IReadOnlyList<(string Name, string Value)> headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Status\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(bytes);
    }

    private static async Task WriteStreamHeadAsync(NetworkStream stream) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));

    private static async Task WriteEventAsync(NetworkStream stream, string data)
    {
        var payload = Encoding.UTF8.GetBytes($"data: {data}\n\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(payload.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
        await stream.WriteAsync(payload);
        await stream.WriteAsync("\r\n"u8.ToArray());
        await stream.FlushAsync();
    }

    private static string Completion(int attempt, string text) => JsonSerializer.Serialize(new
    {
        id = Id(attempt),
        @object = "chat.completion",
        created = 1_700_000_000,
        model = Model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 5, completion_tokens = 3, total_tokens = 8 },
    });

    private static string Chunk(int attempt, string? content, string? finishReason) => JsonSerializer.Serialize(new
    {
        id = Id(attempt),
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = Model,
        choices = new[]
        {
            new { index = 0, delta = content is null ? (object)new { } : new { role = "assistant", content }, finish_reason = finishReason },
        },
    });

    private static string ToolCall(int attempt, string name, string argumentsJson) => JsonSerializer.Serialize(new
    {
        id = Id(attempt),
        @object = "chat.completion",
        created = 1_700_000_000,
        model = Model,
        choices = new[]
        {
            new
            {
                index = 0,
                message = new
                {
                    role = "assistant",
                    content = (string?)null,
                    tool_calls = new[] { new { id = "call_" + attempt, type = "function", function = new { name, arguments = argumentsJson } } },
                },
                finish_reason = "tool_calls",
            },
        },
        usage = new { prompt_tokens = 5, completion_tokens = 3, total_tokens = 8 },
    });

    private static string ToolCallChunk(int attempt, string name, string argumentsJson) => JsonSerializer.Serialize(new
    {
        id = Id(attempt),
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = Model,
        choices = new[]
        {
            new
            {
                index = 0,
                delta = new
                {
                    role = "assistant",
                    tool_calls = new[]
                    {
                        new { index = 0, id = "call_" + attempt, type = "function", function = new { name, arguments = argumentsJson } },
                    },
                },
                finish_reason = (string?)null,
            },
        },
    });

    private static string Id(int attempt) => "chatcmpl-" + attempt.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One HTTP attempt as the server saw it.</summary>
/// <param name="AttemptNumber">The 1-based number of the request, counted over the server's life.</param>
/// <param name="Streaming">Whether the request asked for SSE streaming.</param>
/// <param name="UserText">The text of the last message.</param>
/// <param name="Body">The request body as sent, to assert on what reached the provider.</param>
/// <param name="ToolResults">How many tool results the request's messages carry.</param>
internal sealed record ServerRequest(int AttemptNumber, bool Streaming, string UserText, string Body, int ToolResults = 0);

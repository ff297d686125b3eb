using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Styra.Features.Indicators.Imports;

/// <summary>
/// Streams the elements of the <c>"values"</c> array of a JSON object — the shape of every Kolada v3 answer — without
/// reading the file whole: the buffer holds one chunk of the file and grows only to fit the largest single element.
/// The object's other properties are skipped, except <c>next_url</c>, which is kept for the paging check.
/// </summary>
internal sealed class JsonValuesStream
{
    private enum Phase { BeforeRoot, InRoot, BeforeValues, InValues, Done }

    private Phase _phase;
    private string? _property;
    private bool _sawValues;

    public string? NextUrl { get; private set; }

    /// <summary>
    /// Yields each element of <c>values</c> as UTF-8 bytes; a yielded slice is valid until the next element is asked
    /// for. Throws <see cref="JsonException"/> (with line and position) on malformed JSON and
    /// <see cref="InvalidDataException"/> when the file is not an object with a <c>values</c> array.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ValuesAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int start = 0, end = 0;
            var final = false;
            var state = new JsonReaderState();
            var elements = new List<(int Start, int Length)>();
            var first = true;
            while (_phase != Phase.Done)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(end), ct);
                if (read == 0) final = true;
                end += read;
                if (first)
                {
                    first = false;
                    if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3; // UTF-8 byte order mark
                    if (final && end - start == 0) throw new InvalidDataException("the file is empty; expected a Kolada answer { \"values\": [...] }");
                }

                elements.Clear();
                var consumed = Parse(buffer.AsSpan(start, end - start), final, ref state, elements);
                foreach (var (s, length) in elements)
                    yield return buffer.AsMemory(start + s, length);
                start += consumed;
                if (final && _phase != Phase.Done) throw new JsonException("the file ends before the JSON is complete");
            }
            if (!_sawValues) throw new InvalidDataException("expected a Kolada answer: an object with a \"values\" array");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Parse(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, List<(int, int)> elements)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (_phase != Phase.Done)
        {
            var checkpoint = reader;
            if (!reader.Read()) break;
            switch (_phase)
            {
                case Phase.BeforeRoot:
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new InvalidDataException("expected a Kolada answer: an object with a \"values\" array");
                    _phase = Phase.InRoot;
                    break;
                case Phase.InRoot when reader.TokenType == JsonTokenType.PropertyName:
                    _property = reader.GetString();
                    if (_property == "values") _phase = Phase.BeforeValues;
                    break;
                case Phase.InRoot when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.Done;
                    break;
                case Phase.InRoot:
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        reader = checkpoint;
                        goto more;
                    }
                    if (_property == "next_url") NextUrl = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case Phase.BeforeValues:
                    if (reader.TokenType != JsonTokenType.StartArray)
                        throw new InvalidDataException("expected a Kolada answer: an object with a \"values\" array");
                    _sawValues = true;
                    _phase = Phase.InValues;
                    break;
                case Phase.InValues when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.InRoot;
                    break;
                case Phase.InValues:
                    var elementStart = (int)reader.TokenStartIndex;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        reader = checkpoint;
                        goto more;
                    }
                    elements.Add((elementStart, (int)reader.BytesConsumed - elementStart));
                    break;
            }
        }
        more:
        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }
}

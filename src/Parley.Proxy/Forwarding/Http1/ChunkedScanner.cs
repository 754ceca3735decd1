namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// Follows a chunked body byte by byte as it is relayed unchanged (RFC 9112 section 7.1): chunk sizes in hex with
/// optional extensions, the data, its CRLF, the last chunk, trailer fields and the final empty line. It only tells
/// where the body ends and whether it is well formed; the bytes themselves are copied as they come.
/// </summary>
/// <remarks>A mutable struct: keep it in a local or a field and pass it by reference.</remarks>
internal struct ChunkedScanner
{
    // Larger than any body a proxy should relay in one chunk, small enough that the arithmetic cannot overflow.
    private const long MaxChunkSize = 1L << 40;

    private State _state;
    private long _remaining;
    private int _lineLength;
    private int _trailerBytes;
    private bool _digits;

    private enum State
    {
        Size,
        Extension,
        Data,
        DataCr,
        DataLf,
        TrailerLine,
        Done,
        Malformed,
    }

    /// <summary>True once the final empty line has been seen.</summary>
    public readonly bool Done => _state == State.Done;

    /// <summary>True when the body broke the chunked syntax or a bound.</summary>
    public readonly bool Malformed => _state == State.Malformed;

    /// <summary>
    /// Follows <paramref name="data"/>; returns how many of its bytes belong to the body (all, unless it ended or broke).
    /// </summary>
    public int Scan(ReadOnlySpan<byte> data)
    {
        var at = 0;
        while (at < data.Length && _state is not (State.Done or State.Malformed))
        {
            if (_state == State.Data)
            {
                var take = (int)Math.Min(_remaining, data.Length - at);
                at += take;
                _remaining -= take;
                if (_remaining == 0)
                {
                    _state = State.DataCr;
                }

                continue;
            }

            Step(data[at++]);
        }

        return _state == State.Malformed ? 0 : at;
    }

    private void Step(byte b)
    {
        switch (_state)
        {
            case State.Size when HexValue(b) is var digit and >= 0:
                _remaining = (_remaining * 16) + digit;
                _digits = true;
                _state = _remaining > MaxChunkSize ? State.Malformed : State.Size;
                Line();
                break;
            case State.Size or State.Extension when b == (byte)'\n':
                EndSizeLine();
                break;
            case State.Size when _digits && b is (byte)';' or (byte)' ' or (byte)'\t' or (byte)'\r':
            case State.Extension when b == (byte)'\t' || (b >= 0x20 && b != 0x7F) || b == (byte)'\r':
                _state = State.Extension;
                Line();
                break;
            case State.DataCr when b == (byte)'\r':
                _state = State.DataLf;
                break;
            case State.DataCr or State.DataLf when b == (byte)'\n':
                _state = State.Size;
                _digits = false;
                _lineLength = 0;
                break;
            case State.TrailerLine when b == (byte)'\n':
                // An empty line (or a lone CR) ends the trailers and the body.
                _state = _lineLength == 0 ? State.Done : State.TrailerLine;
                _lineLength = 0;
                break;
            case State.TrailerLine when b == (byte)'\r':
                break;
            case State.TrailerLine when b == (byte)'\t' || (b >= 0x20 && b != 0x7F):
                _lineLength++;
                _state = ++_trailerBytes > Http1Limits.MaxHeadersTotal ? State.Malformed : State.TrailerLine;
                break;
            default:
                _state = State.Malformed;
                break;
        }
    }

    private void EndSizeLine()
    {
        if (!_digits)
        {
            _state = State.Malformed;
            return;
        }

        _lineLength = 0;
        _state = _remaining == 0 ? State.TrailerLine : State.Data;
    }

    private void Line()
    {
        if (++_lineLength > Http1Limits.MaxChunkLine)
        {
            _state = State.Malformed;
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}

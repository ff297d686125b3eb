using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Styra.Features.Indicators.Formulas;

/// <summary>
/// The outcome of <see cref="IndicatorFormula.Parse"/>: either a formula, or an error in English with the 1-based
/// character position it refers to (null when the error concerns the whole formula, e.g. "the formula is empty").
/// </summary>
public sealed record FormulaParseResult(IndicatorFormula? Formula, string? Error, int? Position)
{
    [MemberNotNullWhen(true, nameof(Formula))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Formula is not null;
}

/// <summary>
/// The formula of a formula indicator: an indicator computed from other indicators of the same area and period,
/// e.g. <c>[HAL-A] / [HAL-B] * 100</c>. Numbers use a decimal point; indicator codes are written bare
/// (<c>N00923</c>, <c>U07.3</c>: a letter, then letters, digits, '_' and '.') or in brackets, which also allow
/// '-' and spaces (<c>[HAL-VT-01]</c>) — a bare '-' is always minus. Operators are + - * / with the usual
/// precedence, left to right, unary minus and parentheses. Codes are compared exactly (ordinal), as stored.
/// The syntax for users is described in docs/indicator-formulas.md.
/// </summary>
public sealed class IndicatorFormula
{
    /// <summary>The longest formula text accepted, in characters.</summary>
    public const int MaxLength = 500;

    /// <summary>The most distinct indicators one formula may use.</summary>
    public const int MaxInputs = 20;

    private readonly Node _root;

    // Bare codes glued to a '-' (HAL-VT-01 read as HAL - VT - 01), kept to explain an unknown indicator later.
    private readonly IReadOnlyList<string> _hyphenatedRuns;

    private IndicatorFormula(Node root, IReadOnlyList<string> inputs, IReadOnlyList<string> hyphenatedRuns)
    {
        _root = root;
        _hyphenatedRuns = hyphenatedRuns;
        Inputs = inputs;
        Text = Write(root);
    }

    /// <summary>
    /// The formula written the normal way: one space around binary operators, no space after unary minus, only the
    /// parentheses that are needed, numbers without redundant zeros, codes in brackets only when they need them.
    /// Parsing <see cref="Text"/> gives the same formula.
    /// </summary>
    public string Text { get; }

    /// <summary>The distinct indicator codes the formula uses, in order of first appearance.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Reads a formula; never throws on bad input, but returns the first error from the left.</summary>
    public static FormulaParseResult Parse(string text)
    {
        text ??= "";
        if (string.IsNullOrWhiteSpace(text))
            return new(null, "the formula is empty", null);
        if (text.Length > MaxLength)
            return new(null, $"the formula is {text.Length} characters long; at most {MaxLength} are allowed", null);

        try
        {
            var parser = new Parser(text);
            var root = parser.ParseFormula();
            if (parser.Inputs.Count == 0) return new(null, "a formula uses at least one indicator", null);
            var formula = new IndicatorFormula(root, parser.Inputs, parser.HyphenatedRuns);
            // The stored form spaces the operators; it too must fit.
            return formula.Text.Length > MaxLength
                ? new(null, $"the formula is {formula.Text.Length} characters long when written with spaces around each operator; at most {MaxLength} are allowed", null)
                : new(formula, null, null);
        }
        catch (FormulaSyntaxException e)
        {
            return new(null, $"position {e.Position}: {e.Message}", e.Position);
        }
    }

    /// <summary>
    /// The value for one area and period, given the values of the inputs for the same area and period. Null — no
    /// value for that period — when an input has no value (<paramref name="valueOf"/> returns null), on division by
    /// zero, or when the result (or a step on the way) is not a finite number. <paramref name="valueOf"/> is called
    /// once per input, in the order of <see cref="Inputs"/>, and not after the first missing one.
    /// </summary>
    public double? Evaluate(Func<string, double?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var code in Inputs)
        {
            if (valueOf(code) is not { } value || !double.IsFinite(value))
                return null;
            values[code] = value;
        }
        return Compute(_root, values);
    }

    /// <summary>
    /// Checks the inputs of <paramref name="formula"/> as the formula of the indicator <paramref name="ownCode"/>:
    /// the formula must not use its own indicator, every input must exist, and following the formulas of the inputs
    /// (<paramref name="formulaOf"/>: null for an indicator that is not a formula indicator) must not lead round in a
    /// circle. Returns the first problem in English, or null when the inputs are fine.
    /// <paramref name="formulaOf"/> is not asked about <paramref name="ownCode"/>: <paramref name="formula"/> counts
    /// as its formula, so a changed formula can be checked before it is saved.
    /// </summary>
    public static string? CheckInputs(IndicatorFormula formula, string ownCode, Func<string, bool> exists,
        Func<string, IndicatorFormula?> formulaOf)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(ownCode);
        ArgumentNullException.ThrowIfNull(exists);
        ArgumentNullException.ThrowIfNull(formulaOf);

        if (formula.Inputs.Contains(ownCode, StringComparer.Ordinal))
            return $"the formula uses its own indicator '{ownCode}'";

        foreach (var code in formula.Inputs)
        {
            if (!exists(code))
                return $"unknown indicator '{code}'{formula.HyphenHint(code)}";
        }

        var cycle = FindCycle(formula, ownCode, formulaOf);
        return cycle is null ? null : $"circular reference: {string.Join(" → ", cycle)}";
    }

    /// <summary>The normalised text, as <see cref="Text"/>.</summary>
    public override string ToString() => Text;

    private string HyphenHint(string code)
    {
        var run = _hyphenatedRuns.FirstOrDefault(r => r.Split('-').Contains(code, StringComparer.Ordinal));
        return run is null ? "" : $"; a bare '-' means minus: if the code is '{run}', write it in brackets: [{run}]";
    }

    // Depth-first through the inputs' formulas; a code met again while still on the path closes a circle.
    private static List<string>? FindCycle(IndicatorFormula formula, string ownCode, Func<string, IndicatorFormula?> formulaOf)
    {
        var path = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);

        List<string>? Visit(string code, IndicatorFormula? f)
        {
            var onPath = path.IndexOf(code);
            if (onPath >= 0)
                return [.. path.Skip(onPath), code];
            if (f is null || !done.Add(code))
                return null;
            path.Add(code);
            foreach (var input in f.Inputs)
            {
                var next = string.Equals(input, ownCode, StringComparison.Ordinal) ? formula : formulaOf(input);
                if (Visit(input, next) is { } cycle)
                    return cycle;
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }

        return Visit(ownCode, formula);
    }

    private static double? Compute(Node node, IReadOnlyDictionary<string, double> values)
    {
        double? result = node switch
        {
            NumberNode n => n.Value,
            InputNode i => values[i.Code],
            NegateNode u => -Compute(u.Operand, values),
            BinaryNode b when Compute(b.Left, values) is { } left && Compute(b.Right, values) is { } right => b.Operator switch
            {
                '+' => left + right,
                '-' => left - right,
                '*' => left * right,
                _ => right == 0 ? null : left / right,
            },
            _ => null,
        };
        return result is { } value && double.IsFinite(value) ? value : null;
    }

    private static string Write(Node node) => node switch
    {
        NumberNode n => n.Text,
        InputNode i => IsBareCode(i.Code) ? i.Code : $"[{i.Code}]",
        NegateNode u => "-" + (u.Operand is BinaryNode or NegateNode ? $"({Write(u.Operand)})" : Write(u.Operand)),
        BinaryNode b => $"{WriteOperand(b.Left, Precedence(b.Operator))} {b.Operator} {WriteOperand(b.Right, Precedence(b.Operator) + 1)}",
        _ => throw new InvalidOperationException(),
    };

    // Operators are left-associative, so a right operand of equal precedence keeps its parentheses: a - (b - c).
    private static string WriteOperand(Node node, int minPrecedence) =>
        node is BinaryNode b && Precedence(b.Operator) < minPrecedence ? $"({Write(node)})" : Write(node);

    private static int Precedence(char op) => op is '*' or '/' ? 2 : 1;

    private static bool IsBareCode(string code) =>
        code.Length > 0 && char.IsLetter(code[0]) && code.All(IsBareCodeChar);

    private static bool IsBareCodeChar(char c) => char.IsLetter(c) || char.IsAsciiDigit(c) || c is '_' or '.';

    private static bool IsBracketCodeChar(char c) => IsBareCodeChar(c) || c is '-' or ' ';

    private abstract record Node;

    /// <summary>A constant; <see cref="Text"/> is its normalised spelling.</summary>
    private sealed record NumberNode(double Value, string Text) : Node;

    private sealed record InputNode(string Code) : Node;

    private sealed record NegateNode(Node Operand) : Node;

    private sealed record BinaryNode(char Operator, Node Left, Node Right) : Node;

    private sealed class FormulaSyntaxException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }

    private enum TokenKind { Number, Code, Operator, Open, Close, End }

    /// <param name="Position">1-based.</param>
    private sealed record Token(TokenKind Kind, string Text, int Position, Node? Node = null)
    {
        public string Describe() => Kind == TokenKind.End ? "the end of the formula" : $"'{Text}'";
    }

    /// <summary>
    /// Recursive descent over tokens read one at a time, so the leftmost error is the one reported:
    /// <code>
    /// formula = sum END
    /// sum     = product { ("+" | "-") product }
    /// product = unary { ("*" | "/") unary }
    /// unary   = "-" unary | primary
    /// primary = number | code | "[" code "]" | "(" sum ")"
    /// </code>
    /// </summary>
    private sealed class Parser(string text)
    {
        private readonly List<string> _inputs = [];
        private readonly List<string> _hyphenatedRuns = [];
        private int _index;
        private Token _token = null!;

        public IReadOnlyList<string> Inputs => _inputs;

        public IReadOnlyList<string> HyphenatedRuns => _hyphenatedRuns;

        public Node ParseFormula()
        {
            Advance();
            var root = ParseSum();
            if (_token.Kind == TokenKind.Close)
                throw Error(_token.Position, "')' without a matching '('");
            if (_token.Kind != TokenKind.End)
                throw Error(_token.Position, $"expected an operator (+ - * /) but found {_token.Describe()}");
            return root;
        }

        private Node ParseSum()
        {
            var left = ParseProduct();
            while (_token is { Kind: TokenKind.Operator, Text: "+" or "-" })
            {
                var op = _token.Text[0];
                Advance();
                left = new BinaryNode(op, left, ParseProduct());
            }
            return left;
        }

        private Node ParseProduct()
        {
            var left = ParseUnary();
            while (_token is { Kind: TokenKind.Operator, Text: "*" or "/" })
            {
                var op = _token.Text[0];
                Advance();
                left = new BinaryNode(op, left, ParseUnary());
            }
            return left;
        }

        private Node ParseUnary()
        {
            if (_token is not { Kind: TokenKind.Operator, Text: "-" })
                return ParsePrimary();
            Advance();
            return new NegateNode(ParseUnary());
        }

        private Node ParsePrimary()
        {
            var token = _token;
            switch (token.Kind)
            {
                case TokenKind.Number:
                case TokenKind.Code:
                    Advance();
                    return token.Node!;
                case TokenKind.Open:
                    Advance();
                    var inner = ParseSum();
                    if (_token.Kind == TokenKind.End)
                        throw Error(_token.Position, $"missing ')' for the '(' at position {token.Position}");
                    if (_token.Kind != TokenKind.Close)
                        throw Error(_token.Position, $"expected an operator (+ - * /) or ')' but found {_token.Describe()}");
                    Advance();
                    return inner;
                default:
                    throw Error(token.Position, $"expected a number, an indicator code or '(' but found {token.Describe()}");
            }
        }

        private void Advance() => _token = Read();

        private Token Read()
        {
            while (_index < text.Length && char.IsWhiteSpace(text[_index]))
                _index++;
            var start = _index;
            var position = start + 1;
            if (_index == text.Length)
                return new(TokenKind.End, "", position);

            var c = text[_index];
            if (char.IsAsciiDigit(c))
                return ReadNumber();
            if (char.IsLetter(c))
                return ReadBareCode();
            if (c == '[')
                return ReadBracketCode();

            _index++;
            return c switch
            {
                '+' or '-' or '*' or '/' => new(TokenKind.Operator, c.ToString(), position),
                '(' => new(TokenKind.Open, "(", position),
                ')' => new(TokenKind.Close, ")", position),
                ',' => throw Error(position, "',' is not allowed; decimals are written with a point, e.g. 2.5"),
                '.' => throw Error(position, "a number starts with a digit; write 0.5, not .5"),
                ']' => throw Error(position, "']' without a matching '['"),
                _ => throw Error(position, $"unexpected character '{c}'"),
            };
        }

        private Token ReadNumber()
        {
            var start = _index;
            SkipDigits();
            if (At('.'))
            {
                _index++;
                if (!char.IsAsciiDigit(Current))
                    throw Error(start + 1, $"expected a digit after the decimal point in '{text[start.._index]}'");
                SkipDigits();
            }
            var lexeme = text[start.._index];
            if (At(',') && char.IsAsciiDigit(Peek(1)) && !lexeme.Contains('.'))
            {
                var fractionStart = _index + 1;
                var fractionEnd = fractionStart;
                while (fractionEnd < text.Length && char.IsAsciiDigit(text[fractionEnd]))
                    fractionEnd++;
                var fraction = text[fractionStart..fractionEnd];
                throw Error(start + 1, $"'{lexeme},{fraction}' uses a decimal comma; write {lexeme}.{fraction}");
            }

            var value = double.Parse(lexeme, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (!double.IsFinite(value))
                throw Error(start + 1, "the number is too large");
            return new(TokenKind.Number, lexeme, start + 1, new NumberNode(value, NormaliseNumber(lexeme)));
        }

        private Token ReadBareCode()
        {
            var start = _index;
            while (_index < text.Length && IsBareCodeChar(text[_index]))
                _index++;
            var code = text[start.._index];
            NoteHyphenatedRun(start);
            return new(TokenKind.Code, code, start + 1, Input(code, start + 1));
        }

        private Token ReadBracketCode()
        {
            var open = _index;
            var close = text.IndexOf(']', open + 1);
            if (close < 0)
                throw Error(text.Length + 1, $"missing ']' for the '[' at position {open + 1}");
            for (var i = open + 1; i < close; i++)
            {
                if (!IsBracketCodeChar(text[i]))
                    throw Error(i + 1, $"'{text[i]}' is not allowed in an indicator code; inside [ ] write letters, digits, '_', '-', '.' and spaces");
            }
            var code = text[(open + 1)..close].Trim(' ');
            if (code.Length == 0)
                throw Error(open + 1, "empty brackets; write an indicator code inside [ ]");
            _index = close + 1;
            return new(TokenKind.Code, text[open.._index], open + 1, Input(code, open + 1));
        }

        private InputNode Input(string code, int position)
        {
            if (!_inputs.Contains(code, StringComparer.Ordinal))
            {
                if (_inputs.Count == MaxInputs)
                    throw Error(position, $"a formula uses at most {MaxInputs} different indicators");
                _inputs.Add(code);
            }
            return new InputNode(code);
        }

        // Called after a bare code: when it is glued to a '-' on either side, remember the whole run (HAL-VT-01).
        private void NoteHyphenatedRun(int start)
        {
            var runStart = start;
            while (runStart > 1 && text[runStart - 1] == '-' && IsBareCodeChar(text[runStart - 2]))
            {
                runStart -= 2;
                while (runStart > 0 && IsBareCodeChar(text[runStart - 1]))
                    runStart--;
            }
            var runEnd = _index;
            while (runEnd + 1 < text.Length && text[runEnd] == '-' && IsBareCodeChar(text[runEnd + 1]))
            {
                runEnd += 2;
                while (runEnd < text.Length && IsBareCodeChar(text[runEnd]))
                    runEnd++;
            }
            var run = text[runStart..runEnd];
            if (run.Contains('-') && !_hyphenatedRuns.Contains(run, StringComparer.Ordinal))
                _hyphenatedRuns.Add(run);
        }

        private static string NormaliseNumber(string lexeme)
        {
            var point = lexeme.IndexOf('.');
            var whole = (point < 0 ? lexeme : lexeme[..point]).TrimStart('0');
            var fraction = point < 0 ? "" : lexeme[(point + 1)..].TrimEnd('0');
            if (whole.Length == 0)
                whole = "0";
            return fraction.Length == 0 ? whole : $"{whole}.{fraction}";
        }

        private char Current => Peek(0);

        private char Peek(int offset) => _index + offset < text.Length ? text[_index + offset] : '\0';

        private bool At(char c) => Current == c;

        private void SkipDigits()
        {
            while (char.IsAsciiDigit(Current))
                _index++;
        }

        private static FormulaSyntaxException Error(int position, string message) => new(position, message);
    }
}

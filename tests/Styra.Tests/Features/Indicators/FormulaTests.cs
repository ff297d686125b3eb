using Styra.Features.Indicators.Formulas;

namespace Styra.Tests.Features.Indicators;

public sealed class FormulaTests
{
    private static IndicatorFormula Formula(string text)
    {
        var result = IndicatorFormula.Parse(text);
        Assert.True(result.Succeeded, result.Error);
        return result.Formula;
    }

    private static double? Evaluate(string text, params (string Code, double? Value)[] values) =>
        Formula(text).Evaluate(code => values.Single(v => v.Code == code).Value);

    [Theory]
    [InlineData("A + 2 * 3", 7)]
    [InlineData("(A + 2) * 3", 9)]
    [InlineData("A * 2 + 3", 5)]
    [InlineData("10 - 2 - 3 + A - 1", 5)]
    [InlineData("8 / 2 / 2 * A", 2)]
    [InlineData("8 / (2 / 2) * A", 8)]
    [InlineData("10 - (2 - 3) * A", 11)]
    [InlineData("-A", -1)]
    [InlineData("-A * -2", 2)]
    [InlineData("3 - -A", 4)]
    [InlineData("-(A + 1) * 2", -4)]
    [InlineData("--A", 1)]
    [InlineData("0.5 * A", 0.5)]
    public void Evaluate_FollowsPrecedence_LeftAssociativity_AndUnaryMinus(string text, double expected) =>
        Assert.Equal(expected, Evaluate(text, ("A", 1)));

    [Fact]
    public void Evaluate_OfAShare_DividesAndScales() =>
        Assert.Equal(25, Evaluate("[HAL-A] / [HAL-B] * 100", ("HAL-A", 30), ("HAL-B", 120)));

    [Fact]
    public void Evaluate_WithBracketedCodes_ReadsHyphensAndSpaces_AndTrims() =>
        Assert.Equal(6, Evaluate("[HAL-VT-01] * [ Vård per inv ] + [N00923]", ("HAL-VT-01", 2), ("Vård per inv", 3), ("N00923", 0)));

    [Fact]
    public void Evaluate_WithBareCodes_ReadsDotsUnderscoresAndLetters() =>
        Assert.Equal(7, Evaluate("U07.3 + own_code + Vårddagar", ("U07.3", 1), ("own_code", 2), ("Vårddagar", 4)));

    [Fact]
    public void Evaluate_WithAMissingInput_GivesNoValue_AndStopsAsking()
    {
        var asked = new List<string>();
        var value = Formula("A + B + C").Evaluate(code =>
        {
            asked.Add(code);
            return code == "B" ? null : 1;
        });

        Assert.Null(value);
        Assert.Equal(["A", "B"], asked);
    }

    [Fact]
    public void Evaluate_AsksForEachInputOnce()
    {
        var asked = new List<string>();
        var value = Formula("A / B + A * B").Evaluate(code =>
        {
            asked.Add(code);
            return code == "A" ? 6 : 2;
        });

        Assert.Equal(15, value);
        Assert.Equal(["A", "B"], asked);
    }

    [Theory]
    [InlineData("A / B")]
    [InlineData("A / (B - B)")]
    [InlineData("B / B / B")]
    [InlineData("A / -B")]
    public void Evaluate_DividingByZero_GivesNoValue(string text) =>
        Assert.Null(Evaluate(text, ("A", 1), ("B", 0)));

    [Fact]
    public void Evaluate_WithANonFiniteResult_GivesNoValue()
    {
        Assert.Null(Evaluate("A * A", ("A", 1e200)));
        Assert.Null(Evaluate("1 / (1 / A)", ("A", 1e-320)));
        Assert.Null(Evaluate("A + 1", ("A", double.NaN)));
        Assert.Null(Evaluate("1 / A", ("A", double.PositiveInfinity)));
    }

    [Theory]
    [InlineData("[HAL-A]/[HAL-B]*100", "[HAL-A] / [HAL-B] * 100")]
    [InlineData("  ( ( A ) )  ", "A")]
    [InlineData("(A * B) + C", "A * B + C")]
    [InlineData("(A + B) * C", "(A + B) * C")]
    [InlineData("(A - B) - C", "A - B - C")]
    [InlineData("A - (B - C)", "A - (B - C)")]
    [InlineData("A - (B + C)", "A - (B + C)")]
    [InlineData("A / (B * C)", "A / (B * C)")]
    [InlineData("A * (B / C)", "A * (B / C)")]
    [InlineData("- ( A + B )", "-(A + B)")]
    [InlineData("- - A", "-(-A)")]
    [InlineData("A*-B", "A * -B")]
    [InlineData("[N00923] + [ HAL VT ]", "N00923 + [HAL VT]")]
    [InlineData("[2024-X] + [_a]", "[2024-X] + [_a]")]
    public void Text_IsNormalised_AndReadsBackTheSame(string text, string expected)
    {
        var formula = Formula(text);
        Assert.Equal(expected, formula.Text);
        Assert.Equal(expected, Formula(formula.Text).Text);
        Assert.Equal(expected, formula.ToString());
    }

    [Fact]
    public void Text_WritesNumbersWithoutRedundantZeros() =>
        Assert.Equal("A * 100.5 + 0 + 0 + 7", Formula("A * 0100.500 + 000 + 0.0 + 007").Text);

    [Fact]
    public void Inputs_AreDistinct_InOrderOfFirstAppearance() =>
        Assert.Equal(["B", "HAL-A", "A", "b"], Formula("B / ([HAL-A] + A) * B - [ HAL-A ] + [B] + b").Inputs);

    [Fact]
    public void Parse_AcceptsTwentyInputs() =>
        Assert.Equal(20, Formula(string.Join(" + ", Enumerable.Range(1, 20).Select(i => $"I{i}"))).Inputs.Count);

    [Theory]
    [InlineData("", "the formula is empty", null)]
    [InlineData("   ", "the formula is empty", null)]
    [InlineData("100 * 2", "a formula uses at least one indicator", null)]
    [InlineData("(A + B) * ()", "position 12: expected a number, an indicator code or '(' but found ')'", 12)]
    [InlineData("(A + B", "position 7: missing ')' for the '(' at position 1", 7)]
    [InlineData("(A + (B * 2) ", "position 14: missing ')' for the '(' at position 1", 14)]
    [InlineData("1+2,5*A", "position 3: '2,5' uses a decimal comma; write 2.5", 3)]
    [InlineData("A * 0,25", "position 5: '0,25' uses a decimal comma; write 0.25", 5)]
    [InlineData("A, B", "position 2: ',' is not allowed; decimals are written with a point, e.g. 2.5", 2)]
    [InlineData("A +", "position 4: expected a number, an indicator code or '(' but found the end of the formula", 4)]
    [InlineData("A + * B", "position 5: expected a number, an indicator code or '(' but found '*'", 5)]
    [InlineData("+A", "position 1: expected a number, an indicator code or '(' but found '+'", 1)]
    [InlineData("A B", "position 3: expected an operator (+ - * /) but found 'B'", 3)]
    [InlineData("2A", "position 2: expected an operator (+ - * /) but found 'A'", 2)]
    [InlineData("(A B)", "position 4: expected an operator (+ - * /) or ')' but found 'B'", 4)]
    [InlineData("A [B]", "position 3: expected an operator (+ - * /) but found '[B]'", 3)]
    [InlineData("A)", "position 2: ')' without a matching '('", 2)]
    [InlineData("A % B", "position 3: unexpected character '%'", 3)]
    [InlineData("A * 1.", "position 5: expected a digit after the decimal point in '1.'", 5)]
    [InlineData("A * .5", "position 5: a number starts with a digit; write 0.5, not .5", 5)]
    [InlineData("[HAL-A / 2", "position 11: missing ']' for the '[' at position 1", 11)]
    [InlineData("[HAL-A / [B]", "position 8: '/' is not allowed in an indicator code; inside [ ] write letters, digits, '_', '-', '.' and spaces", 8)]
    [InlineData("A + [ ]", "position 5: empty brackets; write an indicator code inside [ ]", 5)]
    [InlineData("A]", "position 2: ']' without a matching '['", 2)]
    [InlineData("_A", "position 1: unexpected character '_'", 1)]
    [InlineData("(A +) * 2,5", "position 5: expected a number, an indicator code or '(' but found ')'", 5)]
    public void Parse_ReportsTheFirstError_WithItsPosition(string text, string error, int? position)
    {
        var result = IndicatorFormula.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Null(result.Formula);
        Assert.Equal((error, position), (result.Error, result.Position));
    }

    [Fact]
    public void Parse_RefusesMoreThanTwentyInputs_AtTheTwentyFirst()
    {
        var text = string.Join(" + ", Enumerable.Range(1, 21).Select(i => $"I{i}"));

        var result = IndicatorFormula.Parse(text + " + I1");

        Assert.Equal(text.LastIndexOf("I21", StringComparison.Ordinal) + 1, result.Position);
        Assert.Equal($"position {result.Position}: a formula uses at most 20 different indicators", result.Error);
    }

    [Fact]
    public void Parse_RefusesMoreThan500Characters()
    {
        var ok = "A" + string.Concat(Enumerable.Repeat(" + 1", 124)) + "   ";
        Assert.Equal(500, ok.Length);
        Assert.True(IndicatorFormula.Parse(ok).Succeeded);

        var result = IndicatorFormula.Parse(ok + " ");

        Assert.Equal(("the formula is 501 characters long; at most 500 are allowed", (int?)null), (result.Error, result.Position));
    }

    [Fact]
    public void Parse_RefusesANumberTooLargeForADouble() =>
        Assert.Equal("position 5: the number is too large", IndicatorFormula.Parse("A * " + new string('9', 400)).Error);

    [Fact]
    public void Parse_DoesNotThrow_OnNull() =>
        Assert.Equal("the formula is empty", IndicatorFormula.Parse(null!).Error);

    private static readonly Dictionary<string, string?> Indicators = new()
    {
        ["N00923"] = null,
        ["HAL-A"] = null,
        ["HAL-B"] = null,
        ["SHARE"] = "[HAL-A] / [HAL-B] * 100",
        ["DOUBLE"] = "SHARE * 2",
        ["TRIPLE"] = "DOUBLE * 3 + SHARE",
        ["X"] = "Y + 1",
        ["Y"] = "N00923",
    };

    private static string? Check(string ownCode, string text) =>
        IndicatorFormula.CheckInputs(Formula(text), ownCode, Indicators.ContainsKey,
            code => Indicators.GetValueOrDefault(code) is { } f ? Formula(f) : null);

    [Theory]
    [InlineData("NEW", "[HAL-A] / [HAL-B] * 100")]
    [InlineData("NEW", "TRIPLE - DOUBLE + X")]
    [InlineData("SHARE", "[HAL-A] / N00923")]
    [InlineData("Y", "N00923 * 2")]
    public void CheckInputs_AcceptsExistingInputs_WithoutCycles(string ownCode, string text) =>
        Assert.Null(Check(ownCode, text));

    [Fact]
    public void CheckInputs_RefusesAnUnknownIndicator() =>
        Assert.Equal("unknown indicator 'HAL-C'", Check("NEW", "[HAL-A] / [HAL-C]"));

    [Fact]
    public void CheckInputs_ExplainsAHyphenatedCodeWithoutBrackets() =>
        Assert.Equal("unknown indicator 'HAL'; a bare '-' means minus: if the code is 'HAL-A', write it in brackets: [HAL-A]",
            Check("NEW", "HAL-A / [HAL-B]"));

    [Fact]
    public void CheckInputs_RefusesTheOwnCode() =>
        Assert.Equal("the formula uses its own indicator 'NEW'", Check("NEW", "N00923 / NEW"));

    [Fact]
    public void CheckInputs_RefusesAChangeThatMakesACycle() =>
        Assert.Equal("circular reference: SHARE → DOUBLE → SHARE", Check("SHARE", "DOUBLE / 2"));

    [Fact]
    public void CheckInputs_NamesALongerCycle()
    {
        // N00923 turned into a formula indicator that uses TRIPLE, which (directly and through DOUBLE) uses SHARE.
        var formulas = new Dictionary<string, string> { ["N00923"] = "TRIPLE / 3", ["TRIPLE"] = "DOUBLE * 3 + SHARE", ["DOUBLE"] = "SHARE * 2" };

        var error = IndicatorFormula.CheckInputs(Formula("[HAL-A] + N00923"), "SHARE", Indicators.ContainsKey,
            code => formulas.GetValueOrDefault(code) is { } f ? Formula(f) : null);

        Assert.Equal("circular reference: SHARE → N00923 → TRIPLE → DOUBLE → SHARE", error);
    }

    [Fact]
    public void CheckInputs_FindsACycleAmongTheInputs_EvenWithoutTheOwnCode()
    {
        var formulas = new Dictionary<string, string> { ["X"] = "Y + 1", ["Y"] = "X * 2" };

        var error = IndicatorFormula.CheckInputs(Formula("X"), "NEW", Indicators.ContainsKey,
            code => formulas.GetValueOrDefault(code) is { } f ? Formula(f) : null);

        Assert.Equal("circular reference: X → Y → X", error);
    }
}

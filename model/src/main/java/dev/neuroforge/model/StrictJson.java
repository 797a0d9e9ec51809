package dev.neuroforge.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the tool reads its JSON inputs (design configs, networks, events, mappings, energy
 * tables): plain JSON and nothing else. A field given twice, text after the value, comments, single
 * quotes, NaN or leading zeros are errors with the line and column; the tree keeps each value's own
 * type, so readers can refuse a string, a float or a boolean where a number is meant instead of
 * converting it.
 */
public final class StrictJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Whole numbers with more digits than this are only compared, never expanded. */
    private static final int MAX_DIGITS = 40;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private StrictJson() {
    }

    /** Malformed JSON; the message gives the line and column and no source (callers prefix it). */
    public static final class SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code file} as one JSON value; every failure is a one-line error naming the file
     * ({@code what} says what the file was meant to hold, e.g. "events").
     */
    public static JsonNode read(java.nio.file.Path file, String what) {
        String text;
        try {
            text = java.nio.file.Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw Check.fail(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Check.fail(file + ": cannot read " + what + ": not UTF-8 text");
        } catch (IOException e) {
            throw Check.fail(file + ": cannot read " + what + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (SyntaxException e) {
            throw Check.fail(file + ": " + e.getMessage());
        }
    }

    /** Parses one JSON value that must fill the whole text; an empty text gives null. */
    public static JsonNode parse(String text) {
        try (JsonParser p = MAPPER.createParser(text)) {
            if (p.nextToken() == null) {
                return null;
            }
            JsonNode root = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new SyntaxException(at(p.currentTokenLocation())
                        + ": unexpected text after the end of the JSON value (one value per file)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new SyntaxException(describe(e));
        } catch (IOException e) {
            throw new IllegalStateException(e);  // reading a String does no I/O
        }
    }

    private static String describe(JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : at(e.getLocation()) + ": ";
        String m = e.getOriginalMessage();
        Matcher d = DUPLICATE.matcher(m == null ? "" : m);
        if (e instanceof JsonParseException && d.matches()) {
            return at + "the field \"" + d.group(1) + "\" is given twice";
        }
        return "not valid JSON at " + at + inWords(plain(m));
    }

    /** The parser's common complaints in a user's words; anything else as the parser said it. */
    private static final String[][] WORDS = {
        {"Unexpected end-of-input: expected close marker for Object( \\(opened at [^)]*\\))?",
            "the text ends before the '}' that closes the object$1"},
        {"Unexpected end-of-input: expected close marker for Array( \\(opened at [^)]*\\))?",
            "the text ends before the ']' that closes the array$1"},
        {"Unexpected end-of-input.*", "the text ends in the middle of a value"},
        {"Unexpected close marker '(.)': expected '(.)'( \\(opened at [^)]*\\))?", "'$1' where '$2' should close$3"},
        {"Unexpected character \\('(.)'\\): was expecting double-quote to start field name",
            "'$1' where a field name in double quotes should be (a comma too many, or a name without quotes?)"},
        {"Unexpected character \\('(.)'\\): was expecting comma to separate Object entries",
            "'$1' where a ',' between fields or the closing '}' should be"},
        {"Unexpected character \\('(.)'\\): was expecting comma to separate Array entries",
            "'$1' where a ',' between elements or the closing ']' should be"},
        {"Unexpected character \\('(.)'\\): was expecting a colon to separate field name and value",
            "'$1' where the ':' after the field name should be"},
        {"Unexpected character \\('/'\\): maybe a \\(non-standard\\) comment\\?", "'/': JSON has no comments"},
        {"Unexpected character \\('(.)'\\): expected a valid value.*",
            "'$1' where a value should be (a string in double quotes, a number, true, false, null, [...] or {...})"},
        {"Unrecognized token '([^']*)': was expecting.*",
            "'$1' is not a JSON value (a string in double quotes, a number, true, false, null, [...] or {...})"},
        {"Invalid numeric value: Leading zeroes not allowed", "a number with a leading zero (write 1, not 01)"},
        {"Non-standard token '([^']*)'", "$1 is not a JSON number"},
        {"Unexpected character \\('\\+'\\) in numeric value.*", "a number with a '+' sign (write 1, not +1)"},
        {"Unexpected character \\('(.)'\\) in numeric value.*", "'$1' in the middle of a number"},
        {"Illegal unquoted character.*", "a line break or control character inside a string (write it as \\\\n)"},
        {"Unrecognized character escape '(.)'", "the escape \\\\$1 inside a string (only \\\\\" \\\\\\\\ \\\\/ \\\\b \\\\f \\\\n \\\\r \\\\t \\\\u are)"},
    };

    private static String inWords(String m) {
        for (String[] w : WORDS) {
            if (m.matches(w[0])) {
                return m.replaceAll(w[0], w[1]);
            }
        }
        return m;
    }

    /** The parser's message without its Java: feature names, source descriptions, char codes. */
    private static String plain(String m) {
        if (m == null) {
            return "unreadable";
        }
        return m.replaceAll("\\s*\\((?:not recognized as one since )?Feature '[^']*' not enabled for parser\\)", "")
                .replaceAll(":? *enable `[^`]*`[^:;)]*", "")
                .replaceAll("\\s*\\((?:start marker|for [a-zA-Z]+ starting) at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)",
                        " (opened at line $1, column $2)")
                .replaceAll("\\s*\\(?[^(]*\\[Source: .*", "")
                .replaceAll(" \\(code \\d+\\)", "")
                .replaceAll("\\s+", " ").trim();
    }

    private static String at(JsonLocation l) {
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /**
     * A number as it was written, for messages: an integer in full ({@code 2147483648}, {@code 1e12}
     * as {@code 1000000000000}), a float as a plain decimal; anything else as JSON.
     */
    public static String show(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue().stripTrailingZeros();
            return d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS ? d.toString()
                    : d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return v.toString();
    }

    /**
     * The integer a JSON number denotes, or null if it is not a number or not whole. A whole number
     * written with an exponent or a fraction of zero ({@code 1e3}, {@code 512.0}) counts;
     * {@code 512.9} does not.
     */
    public static java.math.BigInteger wholeNumber(JsonNode v) {
        if (v == null || !v.isNumber()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        BigDecimal d = v.decimalValue().stripTrailingZeros();
        if (d.scale() > 0) {
            return null;
        }
        if (d.precision() - d.scale() > MAX_DIGITS) {  // e.g. 1e1000000: far out of every range
            return java.math.BigInteger.TEN.pow(MAX_DIGITS).multiply(java.math.BigInteger.valueOf(d.signum()));
        }
        return d.toBigIntegerExact();
    }
}

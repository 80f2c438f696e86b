package org.cloudtrailopensearch.mapper.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** event.original written from the record's bytes must be exactly what Jackson writes for the same text. */
class OriginalTextTest {

    private static final JsonFactory FACTORY = new JsonFactory();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"eventName\":\"GetObject\",\"requestParameters\":{\"key\":\"a\\\\b \\\"quoted\\\"\"}}",
        "{\n\t\"pretty\": true,\r\n  \"x\": [1, 2]\n}",
        "{\"ctl\":\"\u0001\u001f\b\f\"}",
        "{\"name\":\"Zoë Łukasz 日本語 😀\",\"slash\":\"a/b\",\"del\":\"\u007f\"}",
        "",
        "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u000b\u000e\u000f\"\"\"\"\"\"\"\"\"\"\"\"\"\"\\\\",
        "😀😀😀😀😀😀\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
    })
    void bytesAreEscapedExactlyAsJacksonEscapesTheString(String text) throws IOException {
        byte[] utf8 = (text + "   ").getBytes(StandardCharsets.UTF_8);
        int length = utf8.length - 3;

        ByteArrayOutputStream fromBytes = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(fromBytes)) {
            OriginalText.ofUtf8(utf8, length).writeTo(out);
        }
        ByteArrayOutputStream fromString = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(fromString)) {
            out.writeString(text);
        }
        assertEquals(fromString.toString(StandardCharsets.UTF_8), fromBytes.toString(StandardCharsets.UTF_8));
        assertEquals(text, OriginalText.ofUtf8(utf8, length).toString());

        JsonBytes encoded = JsonBytes.forThread();
        encoded.raw((byte) '[');
        OriginalText.ofUtf8(utf8, length).encodeTo(encoded);
        assertEquals("[" + fromString.toString(StandardCharsets.UTF_8),
                new String(encoded.bytes(), 0, encoded.size(), StandardCharsets.UTF_8), "encoded into a document");
    }

    /**
     * The fast path works on eight bytes at a time: quotes, backslashes, control characters and four-byte characters
     * at every position of a word, in runs, at the ends and in a tail shorter than a word.
     */
    @Test
    void everyPositionWithinAWordIsEscapedExactly() throws IOException {
        String[] alphabet = {"a", "\"", "\\", "é", "日", "/", ":", "{", "\n", "\u0001", "😀"};
        Random random = new Random(7);
        for (int sample = 0; sample < 5_000; sample++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(40);
            boolean odd = random.nextInt(8) == 0; // now and then a control or four-byte character: the careful path
            for (int i = 0; i < parts; i++) {
                String part = alphabet[random.nextInt(odd ? alphabet.length : alphabet.length - 3)];
                text.append(part.repeat(1 + random.nextInt(3)));
            }
            bytesAreEscapedExactlyAsJacksonEscapesTheString(text.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void generatorsThatEscapeMoreOrWriteCharsGetTheString(boolean escapeNonAscii) throws IOException {
        String text = "{\"name\":\"Zoë \\\"q\\\"\"}";
        for (boolean toChars : new boolean[] {true, false}) {
            assertEquals(written(text, null, toChars, escapeNonAscii),
                    written(text, text.getBytes(StandardCharsets.UTF_8), toChars, escapeNonAscii));
        }
    }

    /** What a generator writes for {@code utf8} through OriginalText, or for {@code text} when utf8 is null. */
    private static String written(String text, byte[] utf8, boolean toChars, boolean escapeNonAscii) throws IOException {
        StringWriter chars = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = toChars ? FACTORY.createGenerator(chars) : FACTORY.createGenerator(bytes)) {
            out.configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, escapeNonAscii);
            if (utf8 == null) {
                out.writeString(text);
            } else {
                OriginalText.ofUtf8(utf8, utf8.length).writeTo(out);
            }
        }
        return toChars ? chars.toString() : bytes.toString(StandardCharsets.UTF_8);
    }
}

package org.cloudtrailopensearch.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void generatorsThatEscapeMoreOrWriteCharsGetTheString(boolean escapeNonAscii) throws IOException {
        String text = "{\"name\":\"Zoë \\\"q\\\"\"}";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StringWriter fromBytes = new StringWriter();
        StringWriter fromString = new StringWriter();
        try (JsonGenerator a = FACTORY.createGenerator(fromBytes); JsonGenerator b = FACTORY.createGenerator(fromString)) {
            a.configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, escapeNonAscii);
            b.configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, escapeNonAscii);
            OriginalText.ofUtf8(utf8, utf8.length).writeTo(a);
            b.writeString(text);
        }
        assertEquals(fromString.toString(), fromBytes.toString());

        ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
        ByteArrayOutputStream stringOut = new ByteArrayOutputStream();
        try (JsonGenerator a = FACTORY.createGenerator(bytesOut); JsonGenerator b = FACTORY.createGenerator(stringOut)) {
            a.configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, escapeNonAscii);
            b.configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, escapeNonAscii);
            OriginalText.ofUtf8(utf8, utf8.length).writeTo(a);
            b.writeString(text);
        }
        assertEquals(stringOut.toString(StandardCharsets.UTF_8), bytesOut.toString(StandardCharsets.UTF_8));
    }
}

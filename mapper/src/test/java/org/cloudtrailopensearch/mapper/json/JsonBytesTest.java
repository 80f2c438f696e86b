package org.cloudtrailopensearch.mapper.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The document encoder's strings must be byte for byte what a default Jackson UTF-8 generator writes. */
class JsonBytesTest {

    private static final JsonFactory FACTORY = new JsonFactory();

    @Test
    void stringsAreEncodedExactlyAsJacksonWritesThem() throws IOException {
        String[] alphabet = {"a", "Z", " ", "~", "\u007f", "\"", "\\", "/", "é", "日", "\n", "\t", "\u0001", "\u001f",
            "😀", "\ud800"};
        Random random = new Random(11);
        for (int sample = 0; sample < 5_000; sample++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(sample % 10 == 0 ? 400 : 30); // now and then longer than the char buffer
            boolean plain = random.nextBoolean(); // half of them ASCII only, the fast path
            for (int i = 0; i < parts; i++) {
                text.append(alphabet[random.nextInt(plain ? 6 : alphabet.length)]);
            }
            assertEquals(jackson(text.toString()), encoded(text.toString()), () -> "for " + text);
        }
    }

    @Test
    void onlyDefaultUtf8GeneratorsTakeTheEncodedBytes() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertTrue(JsonBytes.fits(FACTORY.createGenerator(sink)));
        assertFalse(JsonBytes.fits(FACTORY.createGenerator(sink).useDefaultPrettyPrinter()));
        assertFalse(JsonBytes.fits(FACTORY.createGenerator(new java.io.StringWriter())));
        JsonGenerator asciiOnly = FACTORY.createGenerator(sink);
        asciiOnly.enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
        assertFalse(JsonBytes.fits(asciiOnly));
        for (JsonWriteFeature changesOutput : new JsonWriteFeature[] {JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS,
            JsonWriteFeature.ESCAPE_FORWARD_SLASHES, JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8}) {
            JsonGenerator generator = FACTORY.createGenerator(sink);
            generator.enable(changesOutput.mappedFeature());
            assertFalse(JsonBytes.fits(generator), changesOutput.name());
        }
        JsonGenerator lowerCaseHex = FACTORY.createGenerator(sink);
        lowerCaseHex.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE.mappedFeature());
        assertFalse(JsonBytes.fits(lowerCaseHex));
    }

    private static String jackson(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            out.writeString(text);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String encoded(String text) {
        JsonBytes json = JsonBytes.forThread();
        json.string(text);
        return new String(json.bytes(), 0, json.size(), StandardCharsets.UTF_8);
    }
}

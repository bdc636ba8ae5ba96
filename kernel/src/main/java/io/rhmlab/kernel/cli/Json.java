package io.rhmlab.kernel.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.rhmlab.engine.store.SpecJson;

import java.io.IOException;

/**
 * JSON for people and scripts reading {@code --json}: the store's field conventions (record components
 * only), but fields in declaration order, indented, and a missing number (NaN, ∞: a P* not reached, a
 * failed run) written as {@code null} so that any JSON parser reads it.
 */
final class Json {

    private static final ObjectMapper OUTPUT = ((JsonMapper) SpecJson.mapper()).rebuild()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("finite-or-null")
                    .addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(double.class, new FiniteOrNull()))
            .build();

    private Json() {
    }

    static ObjectMapper mapper() {
        return OUTPUT;
    }

    static String write(Object value) throws IOException {
        return OUTPUT.writeValueAsString(value);
    }

    private static final class FiniteOrNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double x, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (x == null || !Double.isFinite(x)) out.writeNull();
            else out.writeNumber(x);
        }
    }
}

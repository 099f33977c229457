package dev.seedance4j.emulator.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instances of schemas that use every keyword the generator claims to honour, checked by networknt's validator (an
 * implementation independent of ours), and violations of them that the same validator rejects.
 */
class InstanceGeneratorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SourceText INPUT = SourceText.of("L3 林舟：我们天亮就走。\nL4 △雨打在窗上。\nL5 苏晚：（轻声）你走吧。");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}-\\\\d{3}$\"}",
                "{\"type\":\"object\",\"required\":[\"when\",\"mail\",\"code\",\"site\",\"uid\"],\"properties\":{"
                        + "\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
                        + "\"mail\":{\"type\":\"string\",\"format\":\"email\"},"
                        + "\"site\":{\"type\":\"string\",\"format\":\"uri\"},"
                        + "\"uid\":{\"type\":\"string\",\"format\":\"uuid\"},"
                        + "\"code\":{\"type\":\"string\",\"minLength\":10,\"maxLength\":12}}}",
                "{\"type\":\"number\",\"exclusiveMinimum\":0.5,\"maximum\":0.75,\"multipleOf\":0.05}",
                "{\"type\":\"integer\",\"minimum\":10,\"maximum\":10}",
                "{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}]}",
                "{\"type\":\"array\",\"prefixItems\":[{\"type\":\"integer\"},{\"type\":\"string\"}],\"items\":false}",
                "{\"type\":\"array\",\"minItems\":5,\"uniqueItems\":true,"
                        + "\"items\":{\"type\":\"string\",\"enum\":[\"x\",\"y\",\"z\",\"w\",\"v\"]}}",
                "{\"$ref\":\"#/$defs/node\",\"$defs\":{\"node\":{\"type\":\"object\",\"required\":[\"name\"],"
                        + "\"properties\":{\"name\":{\"type\":\"string\"},"
                        + "\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/node\"}}}}}}",
                "{\"allOf\":[{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]},"
                        + "{\"properties\":{\"b\":{\"type\":\"string\"}},\"required\":[\"b\"]}]}",
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"},\"minProperties\":2}",
                "{\"type\":\"object\",\"properties\":{\"v\":{\"const\":\"fixed\"},\"n\":{\"type\":[\"integer\",\"null\"]}},"
                        + "\"required\":[\"v\",\"n\"],\"additionalProperties\":false}",
                "{\"type\":\"array\",\"maxItems\":2,\"items\":{\"anyOf\":[{\"type\":\"object\",\"required\":[\"kind\"],"
                        + "\"properties\":{\"kind\":{\"type\":\"string\",\"enum\":[\"dialogue\",\"action\"]}}},"
                        + "{\"type\":\"string\"}]}}",
                "{\"type\":\"object\",\"required\":[\"scenes\"],\"properties\":{\"scenes\":{\"type\":\"array\","
                        + "\"minItems\":4,\"items\":{\"type\":\"object\",\"required\":[\"id\",\"end_line\",\"seconds\"],"
                        + "\"properties\":{\"id\":{\"type\":\"string\",\"pattern\":\"^sc-[0-9]{2}$\"},"
                        + "\"end_line\":{\"type\":\"integer\"},"
                        + "\"seconds\":{\"type\":\"number\",\"minimum\":4,\"maximum\":15}}}}}}"
            })
    void instancesConformAndViolationsViolate(String text) throws Exception {
        JsonNode schema = JSON.readTree(text);
        JsonNode instance = new InstanceGenerator(schema, INPUT, 11).generate();
        assertThat(independent(schema, instance)).as(instance.toString()).isEmpty();
        assertThat(SchemaCheck.violations(schema, instance))
                .as(instance.toString())
                .isEmpty();
        JsonNode broken = ReplyFaults.violation(schema, instance);
        assertThat(broken).isNotNull();
        assertThat(independent(schema, broken)).as(broken.toString()).isNotEmpty();
    }

    private static List<?> independent(JsonNode schema, JsonNode instance) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema)
                .validate(instance);
    }

    @Test
    void theSameSeedGivesTheSameInstanceAndItemsFollowTheInput() throws Exception {
        JsonNode schema = JSON.readTree("{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
                + "\"line\":{\"type\":\"integer\"},\"who\":{\"type\":\"string\"},\"mood\":{\"type\":\"string\"}}}}");
        JsonNode first = new InstanceGenerator(schema, INPUT, 5).generate();
        assertThat(new InstanceGenerator(schema, INPUT, 5).generate()).isEqualTo(first);
        assertThat(first.findValuesAsText("line")).containsExactly("3", "4", "5");
        assertThat(first.get(0).get("who").asText()).isEqualTo("林舟");
        assertThat(first.get(2).get("mood").asText()).isEqualTo("轻声");
    }

    @Test
    void invalidJsonNeverParses() {
        for (long seed = 0; seed < 6; seed++) {
            String broken = ReplyFaults.invalidJson("{\"shots\":[{\"id\":\"s01\"}]}", seed);
            assertThat(parses(broken)).as(broken).isFalse();
        }
        String fenced = ReplyFaults.invalidJson("```json\n{\"a\": 1}\n```", 1);
        assertThat(fenced).startsWith("```json\n").endsWith("\n```");
        assertThat(parses(fenced.substring(8, fenced.length() - 4))).isFalse();
    }

    private static boolean parses(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void tokensCutToAPrefix() {
        String text = "好的，以下是 the reply: 1. 第一行";
        assertThat(Tokens.count(text))
                .isEqualTo(
                        Tokens.pieces(text).stream().filter(p -> !p.isBlank()).count());
        for (int n = 0; n <= Tokens.count(text); n++) {
            String prefix = Tokens.prefix(text, n);
            assertThat(text).startsWith(prefix);
            assertThat(Tokens.count(prefix)).isEqualTo(n);
        }
        assertThat(String.join("", Tokens.pieces(text))).isEqualTo(text);
    }
}

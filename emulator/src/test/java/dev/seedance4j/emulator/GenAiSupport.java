package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.List;

/** Requests to the chat and image endpoints, and an independent JSON Schema check of what they answer. */
final class GenAiSupport {

    static final String SEED_16 = "doubao-seed-1-6-250615";
    static final String SEED_18 = "doubao-seed-1-8-251215";
    static final String SEED_FLASH = "doubao-seed-1-6-flash-250828";
    static final String CODE = "doubao-seed-code-preview-251028";
    static final String SEEDREAM_40 = "doubao-seedream-4-0-250828";
    static final String SEEDREAM_45 = "doubao-seedream-4-5-251128";

    private GenAiSupport() {}

    static TestSupport.Response chat(Emulator emulator, JsonNode body) {
        return chat(emulator, body, null);
    }

    static TestSupport.Response chat(Emulator emulator, JsonNode body, String fault) {
        return post(emulator, "/chat/completions", body, fault);
    }

    static TestSupport.Response images(Emulator emulator, JsonNode body) {
        return images(emulator, body, null);
    }

    static TestSupport.Response images(Emulator emulator, JsonNode body, String fault) {
        return post(emulator, "/images/generations", body, fault);
    }

    private static TestSupport.Response post(Emulator emulator, String path, JsonNode body, String fault) {
        HttpRequest.Builder request = TestSupport.request(emulator, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (fault != null) request.header("X-Emulator-Fault", fault);
        return TestSupport.send(request);
    }

    /** A chat request with a system and a user message. */
    static ObjectNode chatRequest(String model, String system, String user) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        if (system != null)
            body.putArray("messages").addObject().put("role", "system").put("content", system);
        else body.putArray("messages");
        ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("messages"))
                .addObject()
                .put("role", "user")
                .put("content", user);
        body.putObject("thinking").put("type", "disabled");
        return body;
    }

    /** The same request asking for a strict JSON Schema answer. */
    static ObjectNode withSchema(ObjectNode body, JsonNode schema) {
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema")
                .put("name", "storyboard")
                .put("strict", true)
                .set("schema", schema);
        return body;
    }

    static String content(TestSupport.Response response) {
        if (response.status() != 200)
            throw new AssertionError("chat failed: " + response.status() + " " + response.body());
        return response.body()
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asText();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Violations reported by networknt's validator (draft 2020-12), an implementation independent of ours. */
    static List<Error> violations(JsonNode schema, JsonNode instance) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema)
                .validate(instance);
    }

    /** A storyboard-like schema as a breakdown step would send it (strict: closed objects, all required). */
    static JsonNode storyboardSchema(int maxShots) {
        return parse("""
                {"type":"object","additionalProperties":false,"required":["shots"],
                 "properties":{"shots":{"type":"array","minItems":1,"maxItems":%d,"items":{"$ref":"#/$defs/shot"}}},
                 "$defs":{"shot":{"type":"object","additionalProperties":false,
                   "required":["id","source_lines","duration","shot_size","camera","prompt","characters","dialogue"],
                   "properties":{
                     "id":{"type":"string","pattern":"^[a-z][a-z0-9_-]{0,31}$"},
                     "source_lines":{"type":"array","minItems":1,"items":{"type":"integer","minimum":1}},
                     "duration":{"type":"integer","minimum":4,"maximum":15},
                     "shot_size":{"type":"string","enum":["特写","近景","中景","全景","远景"]},
                     "camera":{"type":"string","enum":["固定","推","拉","摇","跟"]},
                     "prompt":{"type":"string","minLength":1,"maxLength":500},
                     "characters":{"type":"array","items":{"type":"string"},"uniqueItems":true},
                     "dialogue":{"type":"array","items":{"type":"object","additionalProperties":false,
                       "required":["who","text","emotion"],
                       "properties":{"who":{"type":"string"},"text":{"type":"string"},
                                     "emotion":{"type":["string","null"]}}}}}}}}
                """.formatted(maxShots));
    }

    static final String SCRIPT = """
            把下面的剧本行拆成分镜，每行一个镜头：
            L12 △水晶灯下，沈清攥着亲子鉴定报告，指节发白。
            L13 沈母：（冷笑）一个乡下丫头，也配进沈家的门？
            L14 沈清（OS）：这一次，我不会再忍。
            L15 △沈清把报告拍在茶几上。
            """;
}

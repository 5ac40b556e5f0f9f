package dev.artifactcache.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * SkillMeat's response schemas, from the extract of its OpenAPI document in the test resources
 * ({@code skillmeat/openapi-schemas.json}, whose {@code $comment} names the source and commit).
 * Extra fields pass (the schemas allow them); a missing required field or a wrong type fails.
 */
final class SkillmeatSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();

    private SkillmeatSchemas() {
    }

    /** Fails with every violation when {@code json} is not an instance of schema {@code name}. */
    static void assertValid(String name, String json) {
        ObjectNode schema = DOCUMENT.deepCopy();
        schema.put("$ref", "#/components/schemas/" + name);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
        Set<ValidationMessage> problems;
        try {
            problems = validator.validate(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            fail("not a SkillMeat " + name + ": " + problems.stream().map(ValidationMessage::getMessage)
                    .collect(Collectors.joining("; ")) + "\n" + json);
        }
    }

    private static JsonNode load() {
        try (InputStream in = SkillmeatSchemas.class.getResourceAsStream("/skillmeat/openapi-schemas.json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

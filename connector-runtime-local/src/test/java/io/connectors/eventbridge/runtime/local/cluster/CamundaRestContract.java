package io.connectors.eventbridge.runtime.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.format.UriReferenceFormat;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/**
 * Camunda's contract for an answer of the Orchestration Cluster API: the OpenAPI spec of 8.8
 * ({@code rest-api.yaml}, served in {@code zeebe-gateway-protocol}), and the REST models that
 * {@code camunda-client-java} generates from it, read with unknown properties refused.
 */
final class CamundaRestContract {

  private static final String SPEC = "rest-api.yaml";
  private static final String PROBLEM = "#/components/schemas/ProblemDetail";

  private final JsonNode spec;
  private static final JsonMetaSchema DIALECT =
      JsonMetaSchema.builder(OpenApi30.getInstance()).format(new UriReference()).build();

  private final JsonSchemaFactory schemas =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));
  private final ObjectMapper strict =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  CamundaRestContract() {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SPEC)) {
      assertThat(in).as("%s on the test class path", SPEC).isNotNull();
      spec = new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks the answer against the schema the spec gives for this path, method and status (a problem
   * the spec does not list for the path against its problem schema), then reads it into the model.
   *
   * @param path the spec's path, below {@code /v2}, with its templates ({@code /a/{key}})
   */
  <T> T read(HttpResponse<String> answer, String method, String path, Class<T> model) {
    String mediaType = answer.headers().firstValue("Content-Type").orElse("").split(";")[0];
    JsonNode body = json(answer.body());
    var problems = schema(method, path, answer.statusCode(), mediaType).validate(body);
    assertThat(problems)
        .as(
            "%s %s (%d, %s) against the spec: %s",
            method, path, answer.statusCode(), mediaType, body)
        .isEmpty();
    try {
      return strict.treeToValue(body, model);
    } catch (IOException e) {
      throw new AssertionError("%s %s as %s: %s".formatted(method, path, model, body), e);
    }
  }

  private JsonSchema schema(String method, String path, int status, String mediaType) {
    JsonNode response =
        spec.path("paths")
            .path(path)
            .path(method.toLowerCase())
            .path("responses")
            .path("" + status);
    if (response.has("$ref")) {
      response = spec.at(response.get("$ref").asText().substring(1));
    }
    JsonNode schema = response.path("content").path(mediaType).path("schema");
    String ref;
    if (schema.has("$ref")) {
      ref = schema.get("$ref").asText();
    } else {
      assertThat(mediaType)
          .as("%s %s answers %d, which the spec does not list", method, path, status)
          .isEqualTo("application/problem+json");
      ref = PROBLEM;
    }
    var config = SchemaValidatorsConfig.builder().build();
    return schemas.getSchema(SchemaLocation.of("classpath:" + SPEC + ref), config);
  }

  /**
   * The spec's {@code format: uri}, read as a URI reference: RFC 9457 makes a problem's {@code
   * instance} one, and Camunda's gateway answers the request's path there.
   */
  private static final class UriReference extends UriReferenceFormat {
    @Override
    public String getName() {
      return "uri";
    }
  }

  private JsonNode json(String text) {
    try {
      return strict.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}

package io.connectors.eventbridge.inbound.binding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.camunda.connector.feel.FeelEngineWrapper;
import java.io.IOException;
import java.util.Set;

/**
 * Lets every boolean, number and choice property accept a FEEL expression ({@code =...}) where it
 * accepts a literal: the expression is evaluated without variables and its result read as the
 * property's type.
 *
 * <p>Text is never evaluated: it may be a secret after substitution ({@code {{secrets.PW}}} whose
 * value starts with '='), and the templates offer no FEEL for text settings.
 */
final class StaticFeelValues extends SimpleModule {

  private static final Set<Class<?>> VALUE_TYPES =
      Set.of(
          Boolean.class,
          boolean.class,
          Integer.class,
          int.class,
          Long.class,
          long.class,
          Double.class,
          double.class);

  private static final ObjectMapper RESULTS = new ObjectMapper();

  StaticFeelValues(FeelEngineWrapper feel) {
    super("EventBridgeStaticFeelValues");
    setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config,
              BeanDescription description,
              JsonDeserializer<?> found) {
            return VALUE_TYPES.contains(description.getBeanClass())
                ? new ExpressionOrLiteral(found, description.getType(), feel)
                : found;
          }

          @Override
          public JsonDeserializer<?> modifyEnumDeserializer(
              DeserializationConfig config,
              JavaType type,
              BeanDescription description,
              JsonDeserializer<?> found) {
            return new ExpressionOrLiteral(found, type, feel);
          }
        });
  }

  /** Raised for an expression the FEEL engine cannot evaluate; the text is never quoted. */
  static final class UnevaluableExpression extends JsonMappingException {
    private final String problem;

    UnevaluableExpression(JsonParser parser, String problem) {
      super(parser, problem);
      this.problem = problem;
    }

    String problem() {
      return problem;
    }
  }

  private static final class ExpressionOrLiteral extends StdDeserializer<Object>
      implements ContextualDeserializer {

    private final JsonDeserializer<?> literal;
    private final FeelEngineWrapper feel;

    ExpressionOrLiteral(JsonDeserializer<?> literal, JavaType type, FeelEngineWrapper feel) {
      super(type);
      this.literal = literal;
      this.feel = feel;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) throws JsonMappingException {
      var contextual = context.handleSecondaryContextualization(literal, property, getValueType());
      return contextual == literal
          ? this
          : new ExpressionOrLiteral(contextual, getValueType(), feel);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING || !parser.getText().startsWith("=")) {
        return literal.deserialize(parser, context);
      }
      Object result;
      try {
        result = feel.evaluate(parser.getText());
      } catch (RuntimeException failed) {
        // The engine's message quotes the expression, which may hold a substituted secret.
        throw new UnevaluableExpression(parser, "the FEEL expression could not be evaluated");
      }
      JsonNode value = RESULTS.valueToTree(result);
      if (value.isNull()) {
        return literal.getNullValue(context);
      }
      try (JsonParser resultParser = value.traverse(parser.getCodec())) {
        resultParser.nextToken();
        // The literal deserializer, not this one: a result that itself starts with '=' is text.
        return literal.deserialize(resultParser, context);
      }
    }
  }
}

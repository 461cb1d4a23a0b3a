package io.connectors.eventbridge.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonContentTypeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "Application/JSON",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=\"utf-8\"",
        "application/json;",
        "application/cloudevents+json",
        "application/vnd.api+json; charset=utf-8",
        "application/json; version=1"
      })
  void acceptsJsonWithAValidCharsetOrNone(String contentType) {
    assertThat(JsonContentType.accepts(contentType)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ";;;",
        "*/*",
        "text/*",
        "application/*",
        "application/*+json",
        "*/*+json",
        "text/plain",
        "text/json",
        "application/+json",
        "application/jsonx",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "multipart/mixed",
        "application/json; charset=bogus",
        "application/json; charset=",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-8; charset=utf-8",
        "application/json; charset = utf-8",
        "application/json; =x",
        "application/json; x",
        "application/json; x=\"unterminated",
        "application /json",
        "application/json\u0000"
      })
  void refusesEverythingElse(String contentType) {
    assertThat(JsonContentType.accepts(contentType)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void refusesAMissingContentType() {
    assertThat(JsonContentType.accepts(null)).isFalse();
  }
}

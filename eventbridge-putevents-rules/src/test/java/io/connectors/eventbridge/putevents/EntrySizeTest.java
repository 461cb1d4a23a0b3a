package io.connectors.eventbridge.putevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The formula of AWS's "Calculating PutEvents event entry size". */
class EntrySizeTest {

  @Test
  void timeIs14BytesAndTheTextFieldsTheirUtf8Bytes() {
    // An entry like the page's: Time set, Source, DetailType, Detail and one resource.
    var entry =
        new PutEventsEntryFields(
            "orders",
            "com.mycompany.myapp",
            "myDetailType",
            "{ \"key1\": \"value1\", \"key2\": \"value2\" }",
            List.of("arn:aws:s3:::my-bucket"),
            "2026-01-31T12:00:00Z",
            "Root=1-5759e988-bd862e3fe1be46a994272793");

    assertThat(PutEventsRules.entrySize(entry)).isEqualTo(14 + 19 + 12 + 38 + 22);
  }

  @Test
  void unsetTimeAndResourcesCountNothingAndNeitherBusNorTraceHeaderCount() {
    var bare = new PutEventsEntryFields(null, "src", "type", "{}", null, null, null);
    var withBusAndTrace =
        new PutEventsEntryFields("a-long-bus-name", "src", "type", "{}", List.of(), null, "Root=1");

    assertThat(PutEventsRules.entrySize(bare)).isEqualTo(3 + 4 + 2);
    assertThat(PutEventsRules.entrySize(withBusAndTrace)).isEqualTo(3 + 4 + 2);
  }

  @Test
  void bytesNotCharacters() {
    assertThat(Utf8.length("😀"))
        .isEqualTo(4)
        .isEqualTo("😀".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(Utf8.length("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    assertThat(PutEventsRules.entrySize(false, "é", "€", "{\"😀\":1}", List.of("arn:aws:s3:::ü")))
        .isEqualTo(2 + 3 + (1 + 1 + 4 + 1 + 1 + 1 + 1) + (13 + 2));
  }
}

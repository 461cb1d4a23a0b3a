package io.connectors.eventbridge.outbound.custombus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CustomBusEntryTest {

  @Test
  void toStringLeavesOutTheDetailTheModelMarksSensitive() {
    CustomBusEntry entry =
        new CustomBusEntry(
            "com.example", "Paid", "{\"card\":\"4111111111111111\"}", List.of(), null, "g", "d");

    assertThat(entry.toString())
        .doesNotContain("4111111111111111")
        .doesNotContain("27")
        .contains("detail=<redacted>", "eventGroupId=g", "deduplicationId=d");
  }
}

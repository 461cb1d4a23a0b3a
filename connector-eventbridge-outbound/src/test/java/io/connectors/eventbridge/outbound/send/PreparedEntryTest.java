package io.connectors.eventbridge.outbound.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class PreparedEntryTest {

  private static PreparedEntry entry(List<String> resources, String eventGroupId) {
    var builder =
        PutEventsRequestEntry.builder()
            .eventBusName("orders")
            .source("com.example")
            .detailType("Tick")
            .detail("{\"n\":1}")
            .time(Instant.parse("2026-01-01T00:00:00Z"));
    if (!resources.isEmpty()) {
      builder.resources(resources);
    }
    var prepared = new PreparedEntry(0, "event", builder.build(), 10);
    return eventGroupId == null ? prepared : prepared.withSystemMetadata(eventGroupId, null);
  }

  @Test
  void differentEntriesNeverShareADigest() {
    // Each pair wrote the same bytes when parts were only separated by a zero byte.
    assertThat(entry(List.of("eventGroupId", "g-1"), null).hash())
        .isNotEqualTo(entry(List.of(), "g-1").hash());
    assertThat(entry(List.of("a\0b"), null).hash())
        .isNotEqualTo(entry(List.of("a", "b"), null).hash());
  }

  @Test
  void aDigestOfAnEarlierVersionInAJobsProgressStillMatchesItsEntry() {
    // What versions before length-prefixed parts recorded for these two entries.
    var classic = entry(List.of("arn:aws:s3:::b"), null);
    var grouped = entry(List.of("arn:aws:s3:::b"), "g-1");

    assertThat(classic.hasHash("f20f86ad3e5d26e1d3cefafd0fbc1e01")).isTrue();
    assertThat(grouped.hasHash("0c7b55c0b208c7e2af2b0f955b70ef27")).isTrue();
    assertThat(grouped.hasHash("f20f86ad3e5d26e1d3cefafd0fbc1e01")).isFalse();
    assertThat(classic.hasHash(classic.hash())).isTrue();
    assertThat(classic.hash()).hasSize(32).isNotEqualTo("f20f86ad3e5d26e1d3cefafd0fbc1e01");
  }
}

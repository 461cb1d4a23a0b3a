package io.connectors.eventbridge.outbound.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EntryBatcherTest {

  private static PreparedEntry entryOfSize(int index, int detailChars) {
    var entry =
        PutEventsRequestEntry.builder()
            .source("s")
            .detailType("t")
            .detail("x".repeat(detailChars))
            .build();
    return new PreparedEntry(index, "e[" + index + "]", entry, PreparedEntry.sizeOf(entry));
  }

  @Test
  void sizeFollowsAwsFormula() {
    var entry =
        PutEventsRequestEntry.builder()
            .time(Instant.EPOCH)
            .source("com.example") // 11
            .detailType("Größe") // 7 bytes in UTF-8
            .detail("{\"e\":\"€\"}") // 8 ASCII + 3 bytes
            .resources("arn:aws:s3:::b", "arn:aws:s3:::c") // 14 + 14
            .eventBusName("ignored-by-the-formula")
            .build();

    assertThat(PreparedEntry.sizeOf(entry)).isEqualTo(14 + 11 + 7 + 11 + 28);
  }

  @Test
  void twentyFiveSmallEventsTakeThreeCallsInOrder() {
    List<PreparedEntry> entries = IntStream.range(0, 25).mapToObj(i -> entryOfSize(i, 10)).toList();

    var chunks = EntryBatcher.chunk(entries, ClassicBusCall.MAX_ENTRIES_PER_CALL, 1_048_576);

    assertThat(chunks).extracting(List::size).containsExactly(10, 10, 5);
    assertThat(chunks.stream().flatMap(List::stream).map(PreparedEntry::index))
        .containsExactlyElementsOf(IntStream.range(0, 25).boxed().toList());
  }

  @Test
  void largeEventsAreSplitBySizeNotOnlyByCount() {
    // Each entry is 2 + 100_000 bytes: three fit in 300_006 bytes, a fourth does not.
    List<PreparedEntry> entries =
        IntStream.range(0, 7).mapToObj(i -> entryOfSize(i, 100_000)).toList();

    var chunks = EntryBatcher.chunk(entries, ClassicBusCall.MAX_ENTRIES_PER_CALL, 300_006);

    assertThat(chunks).extracting(List::size).containsExactly(3, 3, 1);
    chunks.forEach(
        chunk ->
            assertThat(chunk.stream().mapToInt(PreparedEntry::sizeBytes).sum())
                .isLessThanOrEqualTo(300_006));
  }

  @Test
  void aThousandEventsFitInAHundredCalls() {
    List<PreparedEntry> entries =
        IntStream.range(0, 1000).mapToObj(i -> entryOfSize(i, 200)).toList();

    assertThat(EntryBatcher.chunk(entries, ClassicBusCall.MAX_ENTRIES_PER_CALL, 1_048_576))
        .hasSize(100);
  }

  @Test
  void aCustomEventBusEntrysGroupAndDeduplicationIdCountTowardsTheCallsSize() {
    var plain = entryOfSize(0, 10);
    var withMetadata = plain.withSystemMetadata("gruppe-ä", "d-1");

    // "gruppe-ä" is 9 bytes in UTF-8, "d-1" 3.
    assertThat(withMetadata.sizeBytes()).isEqualTo(plain.sizeBytes() + 9 + 3);
    assertThat(withMetadata.withSystemMetadata("g", null).sizeBytes())
        .isEqualTo(plain.sizeBytes() + 1);
    // Two entries that fit one call without their metadata need two with it.
    int twoPlain = 2 * plain.sizeBytes();
    assertThat(EntryBatcher.chunk(List.of(plain, entryOfSize(1, 10)), 100, twoPlain)).hasSize(1);
    assertThat(
            EntryBatcher.chunk(
                List.of(withMetadata, entryOfSize(1, 10).withSystemMetadata("gruppe-ä", "d-2")),
                100,
                twoPlain))
        .hasSize(2);
  }
}

package io.connectors.eventbridge.testsupport;

import java.util.List;

/**
 * One way of carrying PutEvents over HTTP. The fake decides faults and keeps its records on {@link
 * SentEntry} and {@link EntryOutcome}, so a second protocol is one more permitted implementation
 * here, served by the same fake at the same time, without a copy of its logic.
 */
sealed interface WireProtocol permits AwsJson11, SmithyRpcV2Cbor {

  /** The protocols the fake speaks, asked in this order which one carries a request. */
  List<WireProtocol> ALL = List.of(new AwsJson11(), new SmithyRpcV2Cbor());

  /** Whether the request is a PutEvents call in this protocol. */
  boolean carries(RecordedRequest request);

  List<SentEntry> entries(byte[] body);

  /**
   * How many entries the body carries, without decoding it: the benchmark's stand-in must cost
   * little and the same for every benchmarked variant.
   */
  int countEntries(byte[] body);

  Answer answer(List<EntryOutcome> outcomes);

  Answer error(CallError error);
}

package io.connectors.eventbridge.putevents;

/** The fields of a PutEvents entry, in the order EventBridge checks them. */
public enum EntryField {
  SOURCE("Source"),
  DETAIL_TYPE("DetailType"),
  DETAIL("Detail"),
  EVENT_BUS_NAME("EventBusName"),
  RESOURCES("Resources"),
  TIME("Time"),
  TRACE_HEADER("TraceHeader");

  private final String wireName;

  EntryField(String wireName) {
    this.wireName = wireName;
  }

  /** The name in a PutEvents request body, e.g. {@code DetailType}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The member name, e.g. {@code detailType}: what AWS's validation messages and the SDKs' builders
   * call the field.
   */
  public String memberName() {
    return Character.toLowerCase(wireName.charAt(0)) + wireName.substring(1);
  }
}

package io.connectors.eventbridge.runtime.local.cluster;

/** The current value of a variable of a running process instance, as JSON text. */
record ProcessVariable(
    long key, String name, String value, long scopeKey, long processInstanceKey, String tenantId) {

  @Override
  public String toString() {
    // Variable values may hold payloads with personal data or tokens: keep them out of logs.
    return "ProcessVariable[" + name + " of scope " + scopeKey + "]";
  }
}

package io.connectors.eventbridge.testsupport;

/** An HTTP answer in a protocol's encoding, before the fake adds the headers every answer has. */
record Answer(int status, String contentType, byte[] body) {}

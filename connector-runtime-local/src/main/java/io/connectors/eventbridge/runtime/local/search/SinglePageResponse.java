package io.connectors.eventbridge.runtime.local.search;

import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.SearchResponsePage;
import java.util.List;

/**
 * A search answer that holds all results on its first page.
 *
 * <p>The runtime pages until it gets an empty page and passes each page's end cursor back. The
 * first request (no cursor) therefore gets everything, and any request with a cursor gets an empty
 * page with the same cursor. The cursor must not be blank, or the caller would ask for the first
 * page again forever.
 */
record SinglePageResponse<T>(List<T> items, SearchResponsePage page) implements SearchResponse<T> {

  private static final String END_CURSOR = "end";

  static <T> SinglePageResponse<T> answer(String cursor, List<T> everything) {
    List<T> items = cursor == null ? List.copyOf(everything) : List.of();
    return new SinglePageResponse<>(items, new Page((long) everything.size(), null, END_CURSOR));
  }

  record Page(Long totalItems, String startCursor, String endCursor)
      implements SearchResponsePage {}
}

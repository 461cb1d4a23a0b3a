package io.connectors.eventbridge.runtime.local.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.eventbridge.runtime.local.bus.api.EntryError;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsEntry;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsEntryValidator;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsResponse;
import io.connectors.eventbridge.runtime.local.bus.api.PutEventsResultEntry;
import io.connectors.eventbridge.runtime.local.bus.delivery.ApiDestinationDispatcher;
import io.connectors.eventbridge.runtime.local.bus.rules.BusRule;
import io.connectors.eventbridge.runtime.local.bus.rules.RuleTarget;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local event bus (development only): accepts PutEvents entries, answers per entry like
 * EventBridge, and routes accepted events to the targets of matching rules without waiting for
 * them.
 */
public final class LocalEventBus {

  private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);

  private final ObjectMapper mapper;
  private final EventJson json;
  private final PutEventsEntryValidator validator;
  private final LocalBusRules rules;
  private final ApiDestinationDispatcher dispatcher;
  private final String account;
  private final String region;

  public LocalEventBus(
      ObjectMapper mapper,
      LocalBusRules rules,
      ApiDestinationDispatcher dispatcher,
      String account,
      String region) {
    this.mapper = mapper;
    this.json = new EventJson(mapper);
    this.validator = new PutEventsEntryValidator(mapper);
    this.rules = rules;
    this.dispatcher = dispatcher;
    this.account = account;
    this.region = region;
  }

  public PutEventsResponse putEvents(List<PutEventsEntry> entries) {
    var results = new ArrayList<PutEventsResultEntry>(entries.size());
    for (PutEventsEntry entry : entries) {
      Optional<EntryError> error = validator.validate(entry);
      results.add(
          error.isPresent()
              ? PutEventsResultEntry.failed(error.get())
              : PutEventsResultEntry.accepted(publish(entry)));
    }
    return PutEventsResponse.of(results);
  }

  private String publish(PutEventsEntry entry) {
    String id = UUID.randomUUID().toString();
    Instant time =
        entry.time() == null
            ? Instant.now()
            : PutEventsEntryValidator.parseTime(entry.time()).orElseGet(Instant::now);
    var envelope =
        new BusEventEnvelope(
            "0",
            id,
            entry.detailType(),
            entry.source(),
            account,
            DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)),
            region,
            List.copyOf(entry.resources()),
            json.detail(entry.detail()));
    JsonNode event = mapper.valueToTree(envelope);
    String bus = busName(entry.eventBusName());
    List<BusRule> matched = rules.current().matching(bus, event);
    if (matched.isEmpty()) {
      LOG.info(
          "Local bus: event {} ({} / {}) on bus '{}' matched no rule",
          id,
          entry.source(),
          entry.detailType(),
          bus);
      return id;
    }
    LOG.info(
        "Local bus: event {} ({} / {}) on bus '{}' matched {}",
        id,
        entry.source(),
        entry.detailType(),
        bus,
        matched.stream().map(BusRule::name).toList());
    byte[] body = json.bytes(event);
    for (BusRule rule : matched) {
      for (RuleTarget target : rule.targets()) {
        dispatcher.dispatch(rule.name(), target, id, body, event);
      }
    }
    return id;
  }

  /** A bus ARN names the bus after {@code :event-bus/}; an empty name means the default bus. */
  static String busName(String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      return BusRule.DEFAULT_BUS;
    }
    int marker = nameOrArn.lastIndexOf(":event-bus/");
    return marker < 0 ? nameOrArn : nameOrArn.substring(marker + ":event-bus/".length());
  }
}

package io.connectors.eventbridge.runtime.support.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the fleet test's reports and writes them, after each one, to {@code target/fleet}: one
 * JSON file per phase, {@code report.json} with everything, and {@code report.md} with the table;
 * and prints each phase's row.
 */
public final class FleetReports {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private final Path directory;
  private final List<PhaseReport> phases = new ArrayList<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();

  public FleetReports(Path directory) {
    this.directory = directory;
  }

  public synchronized void add(PhaseReport report) {
    phases.add(report);
    System.out.println("[fleet] " + PhaseReport.tableHeader().lines().findFirst().orElse(""));
    System.out.println("[fleet] " + report.tableRow());
    write(report.phase() + ".json", report);
    writeSummary();
  }

  /** A fact of the run beside the phases (the knee, the settings, the outbound bound). */
  public synchronized void fact(String name, Object value) {
    facts.put(name, value);
    System.out.println("[fleet] " + name + ": " + value);
    writeSummary();
  }

  public synchronized String table() {
    var table = new StringBuilder(PhaseReport.tableHeader()).append('\n');
    phases.forEach(phase -> table.append(phase.tableRow()).append('\n'));
    return table.toString();
  }

  private void writeSummary() {
    var all = new LinkedHashMap<String, Object>(facts);
    all.put("phases", phases);
    write("report.json", all);
    var markdown = new StringBuilder("# Fleet test\n\n");
    facts.forEach(
        (name, value) ->
            markdown.append("- ").append(name).append(": ").append(value).append('\n'));
    markdown.append("\n\n").append(table());
    for (var phase : phases) {
      if (!phase.examples().isEmpty() || !phase.droppedBy().isEmpty()) {
        markdown.append("\n## ").append(phase.phase()).append("\n\n");
        markdown.append("- answers: ").append(phase.answers()).append('\n');
        markdown.append("- dropped by: ").append(phase.droppedBy()).append('\n');
        markdown.append("- contradicted: ").append(phase.contradictedBy()).append('\n');
        phase.examples().forEach(example -> markdown.append("- ").append(example).append('\n'));
        markdown.append("- answers per second: ").append(phase.timeline()).append('\n');
      }
    }
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("report.md"), markdown.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String file, Object value) {
    try {
      Files.createDirectories(directory);
      JSON.writeValue(directory.resolve(file).toFile(), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

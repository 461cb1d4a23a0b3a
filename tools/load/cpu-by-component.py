#!/usr/bin/env python3
"""Where a load run's CPU went, by component, from a JFR recording of local mode.

    JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/run.jfr,settings=profile" \
      tools/load/run.sh limits --duration 10 --only outbound
    tools/load/cpu-by-component.py /tmp/run.jfr

Each execution sample goes to the innermost frame that belongs to a known component, so a library
called by our code (Jackson, event-ruler) counts as ours, and ours called by the runtime counts as
ours too. Start-up samples are left out. Only Java frames are sampled: JIT and GC threads are not.
"""
import collections
import glob
import json
import subprocess
import sys

# First match wins; more specific prefixes first.
COMPONENTS = [
    ("io.connectors.eventbridge.runtime.local.cluster", "stand-in cluster API (local mode only)"),
    ("io.connectors.eventbridge.runtime.local.bus", "local bus, AWS's side (local mode only)"),
    ("io.connectors.eventbridge.runtime.local", "local mode, other"),
    ("io.connectors.eventbridge", "ours: connectors, web filters, metrics"),
    ("software.amazon.awssdk", "AWS SDK"),
    ("org.camunda.feel", "runtime: FEEL"),
    ("io.camunda.connector.feel", "runtime: FEEL"),
    ("io.camunda.zeebe", "engine and gateway"),
    ("org.rocksdb", "engine and gateway"),
    ("io.camunda.client", "Camunda client"),
    ("io.camunda.connector", "runtime: correlation, jobs, binding"),
    ("io.grpc", "gRPC and Netty"),
    ("io.netty", "gRPC and Netty"),
    ("org.apache.catalina", "HTTP server: Tomcat, Spring MVC"),
    ("org.apache.coyote", "HTTP server: Tomcat, Spring MVC"),
    ("org.apache.tomcat", "HTTP server: Tomcat, Spring MVC"),
    ("org.springframework.web", "HTTP server: Tomcat, Spring MVC"),
    ("io.micrometer", "Micrometer"),
]
START_UP = ("EmbeddedZeebeEngine.start", "LocalEngineInitializer", "SpringApplication.run")


def jfr_tool():
    for java in sorted(glob.glob("/usr/lib/jvm/*/bin/jfr"), reverse=True):
        return java
    return "jfr"


def main(recording):
    out = subprocess.run(
        [jfr_tool(), "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample", recording],
        capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        if (values["sampledThread"].get("javaName") or "") in ("main", "background-preinit"):
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in (values.get("stackTrace") or {}).get("frames", [])]
        if any(marker in frame for frame in frames for marker in START_UP):
            continue
        component = next((name for frame in frames for prefix, name in COMPONENTS
                          if frame.startswith(prefix)), "other (JDK)")
        counts[component] += 1
    total = sum(counts.values())
    print(f"{total} execution samples")
    for component, n in counts.most_common():
        print(f"{100 * n / total:5.1f} %  {component}")


if __name__ == "__main__":
    main(sys.argv[1])

package io.connectors.eventbridge.runtime.support;

import io.connectors.eventbridge.runtime.ConnectorRuntimeApplication;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * Runs a test class against the real connector runtime in local mode: the in-memory engine, the
 * connectors, the webhooks and the local event bus, over real HTTP and gRPC.
 *
 * <pre>{@code
 * @LocalRuntimeTest
 * class OrderRoundTripTest {
 *   @Autowired LocalRuntime runtime;
 *
 *   @Test
 *   void orderIsFulfilled() {
 *     runtime.deploy(Path.of("../bpmn-examples/fulfilment.bpmn"));
 *     runtime.awaitWebhook("fulfilment", Duration.ofSeconds(5));
 *     // ... POST to runtime.webhookUrl("fulfilment") ...
 *     var done = runtime.awaitCompleted("fulfilment", Duration.ofSeconds(10));
 *     assertThat(done.variables()).containsEntry("orderId", "42");
 *   }
 * }
 * }</pre>
 *
 * <p>Every class with this annotation and nothing else that changes the Spring configuration shares
 * one application context, so the runtime starts once per test JVM. The engine's gateway listens on
 * a free port (never 26500, so a developer's running instance does not clash). No example is
 * deployed at start: a test deploys what it needs. The runtime scans {@link
 * LocalRuntime#DEPLOY_DIR} for BPMN files and reads local bus rules from {@link
 * LocalRuntime#RULES_FILE}; retries of the local bus are fast (3 attempts, 50 ms backoff). The
 * connector secret {@code RUNTIME_TEST_SECRET} is {@link LocalRuntime#TEST_SECRET_VALUE}.
 *
 * <p>The engine is shared by all those classes: assert on instances your test created (by key, or
 * by a BPMN process id unique to the test), not on totals.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
    classes = ConnectorRuntimeApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "eventbridge.local.grpc-port=0",
      "eventbridge.local.rest-port=0",
      "eventbridge.local.examples-dir=",
      "eventbridge.local.deploy-dirs=" + LocalRuntime.DEPLOY_DIR,
      "eventbridge.local.deploy-scan-interval=200ms",
      "eventbridge.local.bus.rules-file=" + LocalRuntime.RULES_FILE,
      "eventbridge.local.bus.delivery.max-attempts=3",
      "eventbridge.local.bus.delivery.initial-backoff=50ms",
      "eventbridge.local.bus.delivery.max-backoff=200ms",
      "eventbridge.local.bus.delivery.timeout=2s",
      "eventbridge.local.secrets.RUNTIME_TEST_SECRET=" + LocalRuntime.TEST_SECRET_VALUE,
    })
@Import(LocalRuntime.class)
// Spring Boot's tests leave metrics export off; the runtime's /actuator/prometheus is under test.
@AutoConfigureObservability(tracing = false)
public @interface LocalRuntimeTest {}

package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.client.ZeebeClient;
import io.connectors.eventbridge.runtime.local.LocalModeProperties;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the in-memory engine in local mode, before any bean exists, and points the Camunda client
 * at it.
 *
 * <p>Starting here rather than in a bean guarantees that the gateway is listening before the
 * client, the job workers and the inbound importer first connect, and it lets a gateway port of 0
 * become a real port before {@code camunda.client.grpc-address} is bound. The engine is registered
 * as a singleton that the Camunda client depends on, so that on shutdown the client and its workers
 * close first, after the web server has finished in-flight requests, and the engine last.
 */
public final class LocalEngineInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

  public static final String ENGINE_BEAN_NAME = "embeddedZeebeEngine";
  static final String PROPERTY_SOURCE_NAME = "eventbridgeLocalEngine";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
      return;
    }
    environment.getPropertySources().addLast(LocalModeDefaults.load());
    LocalModeProperties properties =
        Binder.get(environment).bindOrCreate(LocalModeProperties.PREFIX, LocalModeProperties.class);
    LocalModeConflict.check(environment, properties);
    EmbeddedZeebeEngine engine = EmbeddedZeebeEngine.start(properties.grpcPort());
    try {
      registerEngine(context, engine);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    environment.getPropertySources().addFirst(clientSettings(engine));
  }

  /**
   * Settings that must match the embedded engine, so they win over any other source; {@link
   * LocalModeConflict} has made sure that no other source names a different cluster.
   */
  private static MapPropertySource clientSettings(EmbeddedZeebeEngine engine) {
    return new MapPropertySource(
        PROPERTY_SOURCE_NAME,
        Map.of(
            "camunda.client.mode",
            "self-managed",
            "camunda.client.grpc-address",
            engine.grpcAddress(),
            // The client prefers REST by default, and the in-memory engine only speaks gRPC.
            "camunda.client.prefer-rest-over-grpc",
            "false",
            // The REST default is this app's own port 8080. Nothing here should call REST, but
            // if something does it must fail fast instead of calling ourselves: port 9 (discard)
            // is closed on any developer machine.
            "camunda.client.rest-address",
            "http://127.0.0.1:9",
            LocalModeProperties.GRPC_PORT_PROPERTY,
            String.valueOf(engine.port())));
  }

  private static void registerEngine(
      ConfigurableApplicationContext context, EmbeddedZeebeEngine engine) {
    var beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
    beanFactory.registerSingleton(ENGINE_BEAN_NAME, engine);
    // registerSingleton alone never destroys the instance; this closes the engine with the
    // context, also when a later start-up step fails.
    beanFactory.registerDisposableBean(ENGINE_BEAN_NAME, engine::close);
    context.addBeanFactoryPostProcessor(
        factory -> {
          for (Class<?> clientType : List.of(CamundaClient.class, ZeebeClient.class)) {
            for (String client : factory.getBeanNamesForType(clientType, true, false)) {
              factory.registerDependentBean(ENGINE_BEAN_NAME, client);
            }
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}

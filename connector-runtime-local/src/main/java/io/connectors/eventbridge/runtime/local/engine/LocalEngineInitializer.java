package io.connectors.eventbridge.runtime.local.engine;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.client.ZeebeClient;
import io.connectors.eventbridge.runtime.local.LocalModeProperties;
import io.connectors.eventbridge.runtime.local.cluster.ClusterApiScanExclusion;
import io.connectors.eventbridge.runtime.local.cluster.StandInCluster;
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
 * Starts the in-memory engine and the stand-in cluster REST API in local mode, before any bean
 * exists, and points the Camunda client at them.
 *
 * <p>Starting here rather than in a bean guarantees that the gateway is listening before the
 * client, the job workers and the inbound importer first connect, and it lets a gateway port of 0
 * become a real port before {@code camunda.client.grpc-address} is bound (the same for the REST
 * API's port and {@code camunda.client.rest-address}). The engine is registered as a singleton that
 * the Camunda client depends on, so that on shutdown the client and its workers close first, after
 * the web server has finished in-flight requests, and the engine last.
 */
public final class LocalEngineInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

  public static final String ENGINE_BEAN_NAME = "embeddedZeebeEngine";
  public static final String CLUSTER_BEAN_NAME = "localStandInCluster";
  static final String PROPERTY_SOURCE_NAME = "eventbridgeLocalEngine";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    // The stand-in cluster API runs in a context of its own; its classes sit below the runtime's
    // scanned package, so they are kept out of this context's component scan.
    if (!context.getBeanFactory().containsSingleton(ClusterApiScanExclusion.BEAN_NAME)) {
      context
          .getBeanFactory()
          .registerSingleton(ClusterApiScanExclusion.BEAN_NAME, new ClusterApiScanExclusion());
    }
    ConfigurableEnvironment environment = context.getEnvironment();
    if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
      return;
    }
    environment.getPropertySources().addLast(LocalModeDefaults.load());
    LocalModeProperties properties =
        Binder.get(environment).bindOrCreate(LocalModeProperties.PREFIX, LocalModeProperties.class);
    LocalModeConflict.check(environment, properties);
    EmbeddedZeebeEngine engine =
        EmbeddedZeebeEngine.start(properties.bindAddress(), properties.grpcPort());
    StandInCluster cluster;
    try {
      registerEngine(context, engine);
      cluster = StandInCluster.start(engine, properties.bindAddress(), properties.restPort());
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    try {
      registerCluster(context, cluster);
    } catch (RuntimeException e) {
      cluster.close();
      engine.close();
      throw e;
    }
    environment.getPropertySources().addFirst(clientSettings(engine, cluster));
  }

  /**
   * Settings that must match the embedded engine, so they win over any other source; {@link
   * LocalModeConflict} has made sure that no other source names a different cluster.
   */
  private static MapPropertySource clientSettings(
      EmbeddedZeebeEngine engine, StandInCluster cluster) {
    return new MapPropertySource(
        PROPERTY_SOURCE_NAME,
        Map.of(
            "camunda.client.mode",
            "self-managed",
            "camunda.client.grpc-address",
            engine.grpcAddress(),
            // Commands and jobs go over gRPC, to the engine; searches (which only REST has) go
            // to the stand-in cluster's REST API, as they would to a real cluster's.
            "camunda.client.prefer-rest-over-grpc",
            "false",
            "camunda.client.rest-address",
            cluster.restAddress(),
            LocalModeProperties.GRPC_PORT_PROPERTY,
            String.valueOf(engine.port()),
            LocalModeProperties.REST_PORT_PROPERTY,
            String.valueOf(cluster.port())));
  }

  private static void registerCluster(
      ConfigurableApplicationContext context, StandInCluster cluster) {
    var beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
    beanFactory.registerSingleton(CLUSTER_BEAN_NAME, cluster);
    beanFactory.registerDisposableBean(CLUSTER_BEAN_NAME, cluster::close);
    // Closed before the engine, and after the runtime's clients (whose importer searches it).
    beanFactory.registerDependentBean(ENGINE_BEAN_NAME, CLUSTER_BEAN_NAME);
    context.addBeanFactoryPostProcessor(
        factory -> {
          for (Class<?> clientType : List.of(CamundaClient.class, ZeebeClient.class)) {
            for (String client : factory.getBeanNamesForType(clientType, true, false)) {
              factory.registerDependentBean(CLUSTER_BEAN_NAME, client);
            }
          }
        });
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

package io.connectors.eventbridge.runtime.local.cluster;

import java.io.IOException;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the connectors runtime's component scan out of this package: its controllers, advice and
 * configuration belong to the stand-in cluster's own web context (see {@code package-info}). Spring
 * Boot's {@code @SpringBootApplication} asks every {@link TypeExcludeFilter} bean of the context
 * being scanned, so registering one instance before the refresh is enough.
 */
public final class ClusterApiScanExclusion extends TypeExcludeFilter {

  public static final String BEAN_NAME = "eventbridgeLocalClusterApiScanExclusion";

  private static final String PACKAGE_PREFIX = ClusterApiScanExclusion.class.getPackageName() + ".";

  @Override
  public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
      throws IOException {
    return metadataReader.getClassMetadata().getClassName().startsWith(PACKAGE_PREFIX);
  }

  // Spring's test context cache compares the filters of two contexts by equality.
  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }
}

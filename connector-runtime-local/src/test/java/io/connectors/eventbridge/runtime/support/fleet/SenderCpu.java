package io.connectors.eventbridge.runtime.support.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the {@link ApiDestinationSender} has used in this JVM so far: its HTTP client's
 * threads, its own platform threads ({@code fleet-*}) and the carrier threads of its virtual
 * threads. In production the sender is EventBridge, on machines of its own; here it shares the
 * cores with the engine and the replicas, so each phase reports its share of the machine.
 *
 * <p>A lower bound: a thread that ended between two readings takes its CPU time with it (the HTTP
 * client's workers end after a minute idle). Carrier threads run only the sender's virtual threads
 * during load phases; nothing else in the test JVM starts virtual threads then.
 */
final class SenderCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SenderCpu() {}

  /** Nanoseconds of CPU used so far by the sender's live threads, or -1 if the JVM cannot say. */
  static long nanos() {
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (isSender(thread)) {
        long cpu = THREADS.getThreadCpuTime(thread.threadId());
        if (cpu > 0) {
          total += cpu;
        }
      }
    }
    return total;
  }

  private static boolean isSender(Thread thread) {
    String name = thread.getName();
    return name.startsWith("HttpClient-")
        || name.startsWith("fleet-")
        || "jdk.internal.misc.CarrierThread".equals(thread.getClass().getName());
  }
}

package io.connectors.eventbridge.runtime.support.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time the {@link ApiDestinationSender} uses in this JVM: its own platform threads ({@code
 * fleet-*}) and the carrier threads of its virtual threads, which do its HTTP client's I/O. In
 * production the sender is EventBridge, on machines of its own; here it shares the cores with the
 * engine and the replicas, so each phase reports its share of the machine.
 *
 * <p>Measured per thread between a {@link #start()} and {@link Start#nanosSince()}: a thread that
 * ended in between takes its CPU time with it (an idle carrier ends after a while), so the figure
 * is a lower bound, and it leaves out the garbage collection of what the sender allocates. {@link
 * HoldingGate} runs on the same carriers; it passes on only the kill test's Put events calls, none
 * during the overload phases.
 */
final class SenderCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SenderCpu() {}

  /** The sender's threads' CPU time now, or null if this JVM cannot measure thread CPU time. */
  static Start start() {
    return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
        ? new Start(perThread())
        : null;
  }

  /** The CPU time of each of the sender's threads at the start. */
  record Start(Map<Long, Long> nanosByThread) {

    /** CPU nanoseconds the sender's threads used since the start. */
    long nanosSince() {
      long total = 0;
      for (var now : perThread().entrySet()) {
        total += now.getValue() - nanosByThread.getOrDefault(now.getKey(), 0L);
      }
      return total;
    }
  }

  private static Map<Long, Long> perThread() {
    var nanos = new HashMap<Long, Long>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (isSender(thread)) {
        long cpu = THREADS.getThreadCpuTime(thread.threadId());
        if (cpu >= 0) {
          nanos.put(thread.threadId(), cpu);
        }
      }
    }
    return nanos;
  }

  private static boolean isSender(Thread thread) {
    String name = thread.getName();
    return name.startsWith("fleet-")
        || "jdk.internal.misc.CarrierThread".equals(thread.getClass().getName());
  }
}

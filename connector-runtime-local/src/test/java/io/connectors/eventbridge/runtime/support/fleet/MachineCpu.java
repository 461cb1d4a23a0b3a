package io.connectors.eventbridge.runtime.support.fleet;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time used on this machine during a phase's sending window, split by who used it:
 *
 * <ul>
 *   <li>the {@link ApiDestinationSender}: its threads ({@code fleet-*}), which do its HTTP client's
 *       I/O too. In production the sender is EventBridge, on machines of its own;
 *   <li>local mode: the rest of this JVM (the engine, local mode's own runtime, the stand-in REST
 *       API, garbage collection, the test's bookkeeping);
 *   <li>the replicas: this JVM's child processes.
 * </ul>
 *
 * <p>The sender's and the replicas' shares are lower bounds: a thread or process that ended in the
 * window takes its CPU time with it (a sender thread idle for a minute ends; a killed replica).
 * Local mode's is the JVM's total less the sender's threads still alive, so it also holds what
 * ended sender threads used, and the collection of the sender's garbage.
 */
final class MachineCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private MachineCpu() {}

  /** The readings now, or null if this JVM cannot measure thread or process CPU time. */
  static Start start() {
    boolean measurable =
        THREADS.isThreadCpuTimeSupported()
            && THREADS.isThreadCpuTimeEnabled()
            && PROCESS.getProcessCpuTime() >= 0;
    return measurable ? new Start(senderThreads(), PROCESS.getProcessCpuTime(), children()) : null;
  }

  /**
   * CPU nanoseconds in a window.
   *
   * @param sender the sender's threads
   * @param localMode this JVM but the sender's threads
   * @param replicas this JVM's child processes
   */
  record Split(long sender, long localMode, long replicas) {}

  /** The CPU time of each of the sender's threads, of this JVM and of each child at the start. */
  record Start(
      Map<Long, Long> senderNanosByThread, long jvmNanos, Map<Long, Long> childNanosByPid) {

    Split since() {
      long sender = sinceStart(senderThreads(), senderNanosByThread);
      long jvm = PROCESS.getProcessCpuTime() - jvmNanos;
      return new Split(sender, Math.max(0, jvm - sender), sinceStart(children(), childNanosByPid));
    }

    /** Each one's own difference: one that began in the window counts from zero. */
    private static long sinceStart(Map<Long, Long> now, Map<Long, Long> atStart) {
      long total = 0;
      for (var entry : now.entrySet()) {
        total += entry.getValue() - atStart.getOrDefault(entry.getKey(), 0L);
      }
      return total;
    }
  }

  private static Map<Long, Long> senderThreads() {
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

  private static Map<Long, Long> children() {
    var nanos = new HashMap<Long, Long>();
    ProcessHandle.current()
        .descendants()
        .forEach(
            child ->
                child
                    .info()
                    .totalCpuDuration()
                    .ifPresent(cpu -> nanos.put(child.pid(), cpu.toNanos())));
    return nanos;
  }

  private static boolean isSender(Thread thread) {
    return thread.getName().startsWith("fleet-");
  }
}

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A discrete-time model of the webhook concurrency limit in front of an engine, to compare limit
 * algorithms (the choice is explained in AdaptiveConcurrencyLimit's class comment). A model, not a
 * measurement: the engine is a processor-sharing server of fixed throughput (each event costs
 * 1/capacity s of engine time, plus 20 ms of latency that costs none), the sender EventBridge-like
 * (Poisson arrivals; a 429 retried after 2^(n-1) s, capped at 60 s, with jitter; a 503 after at
 * least 5 s, Retry-After).
 * A request that reaches the 4 s budget is answered 503 and retried, while the engine keeps its
 * command and still does the work, as the watchdog's interrupt does not cancel it. The limiter gets
 * the signals the runtime's filter gives it: a drop for an answer later than half the budget or a
 * 503, a success otherwise.
 *
 * <pre>
 * CP=~/.m2/repository/com/netflix/concurrency-limits/concurrency-limits-core/0.5.3/concurrency-limits-core-0.5.3.jar:$(ls ~/.m2/repository/org/slf4j/slf4j-api/2.*&#47;slf4j-api-2.*.jar | head -1)
 * java -cp "$CP" tools/limit-model/LimitModel.java fixed64,aimd,gradient2 12 1.25
 * </pre>
 *
 * Arguments: algorithms, engine capacity (events/s), offered load as a multiple of the capacity.
 */
public class LimitModel {

  static final double STEP = 0.002;
  static final double SECONDS = 300;
  static final double WARM_UP = 60;
  static final double BUDGET = 4.0;
  static final double BASE_LATENCY = 0.02;

  static long nanos;

  static final class Request {
    int event;
    double start;
    Limiter.Listener listener;
    /** Engine time still needed, and latency still to pass before it starts. */
    double[] work;
  }

  public static void main(String[] args) {
    double capacity = Double.parseDouble(args[1]);
    double load = Double.parseDouble(args[2]);
    for (String algorithm : args[0].split(",")) {
      run(algorithm, capacity, load);
    }
  }

  static Limit limit(String algorithm) {
    return switch (algorithm) {
      case "fixed64" -> FixedLimit.of(64);
      case "aimd" ->
          AIMDLimit.newBuilder()
              .initialLimit(16)
              .minLimit(2)
              .maxLimit(100)
              .timeout(Long.MAX_VALUE, TimeUnit.NANOSECONDS)
              .build();
      case "gradient2" ->
          Gradient2Limit.newBuilder().initialLimit(16).minLimit(2).maxConcurrency(100).build();
      default -> throw new IllegalArgumentException(algorithm);
    };
  }

  static void run(String algorithm, double capacity, double load) {
    nanos = 0;
    var random = new Random(42);
    SimpleLimiter<Void> limiter =
        SimpleLimiter.newBuilder().limit(limit(algorithm)).nanoClock(() -> nanos).build();
    var due = new PriorityQueue<double[]>(Comparator.comparingDouble(entry -> entry[0]));
    Map<Integer, Double> firstSent = new HashMap<>();
    Map<Integer, Integer> retries = new HashMap<>();
    List<double[]> engine = new ArrayList<>();
    List<Request> inFlight = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    int nextEvent = 0;
    long attempts = 0, answered200 = 0, answered503 = 0, answered429 = 0;
    double nextArrival = 0, limitSum = 0;
    long limitSamples = 0;
    for (double t = 0; t < SECONDS; t += STEP) {
      nanos = (long) (t * 1e9);
      boolean measured = t >= WARM_UP;
      while (nextArrival <= t) {
        due.add(new double[] {nextArrival, nextEvent++});
        nextArrival += -Math.log(1 - random.nextDouble()) / (capacity * load);
      }
      while (!due.isEmpty() && due.peek()[0] <= t) {
        int event = (int) due.poll()[1];
        firstSent.putIfAbsent(event, t);
        attempts += measured ? 1 : 0;
        var listener = limiter.acquire(null);
        if (listener.isEmpty()) {
          answered429 += measured ? 1 : 0;
          int n = retries.merge(event, 1, Integer::sum);
          due.add(
              new double[] {t + Math.min(60, Math.pow(2, n - 1)) * (0.5 + random.nextDouble()), event});
          continue;
        }
        var request = new Request();
        request.event = event;
        request.start = t;
        request.listener = listener.get();
        request.work = new double[] {1.0 / capacity, BASE_LATENCY};
        engine.add(request.work);
        inFlight.add(request);
      }
      int busy = 0;
      for (double[] work : engine) {
        busy += work[1] <= 0 ? 1 : 0;
      }
      for (Iterator<double[]> it = engine.iterator(); it.hasNext(); ) {
        double[] work = it.next();
        if (work[1] > 0) {
          work[1] -= STEP;
        } else if ((work[0] -= STEP / busy) <= 0) {
          it.remove();
        }
      }
      for (Iterator<Request> it = inFlight.iterator(); it.hasNext(); ) {
        var request = it.next();
        double latency = t - request.start;
        if (request.work[0] <= 0) {
          if (latency > BUDGET / 2) {
            request.listener.onDropped();
          } else {
            request.listener.onSuccess();
          }
          if (measured) {
            answered200++;
            endToEnd.add(t - firstSent.get(request.event));
          }
          it.remove();
        } else if (latency >= BUDGET) {
          request.listener.onDropped();
          answered503 += measured ? 1 : 0;
          int n = retries.merge(request.event, 1, Integer::sum);
          due.add(
              new double[] {
                t + Math.max(5, Math.min(60, Math.pow(2, n - 1)) * (0.5 + random.nextDouble())),
                request.event
              });
          it.remove();
        }
      }
      if (measured) {
        limitSum += limiter.getLimit();
        limitSamples++;
      }
    }
    Collections.sort(endToEnd);
    double window = SECONDS - WARM_UP;
    System.out.printf(
        "%-9s capacity %.0f/s, offered %.2fx: goodput %.1f/s (%.0f %% of capacity), attempts per"
            + " event answered 200 %.2f, 503 %.1f %% of admitted answers, %d answered 429,"
            + " end-to-end p50 %.1f s, mean limit %.1f%n",
        algorithm,
        capacity,
        load,
        answered200 / window,
        100 * answered200 / window / capacity,
        (double) attempts / Math.max(answered200, 1),
        100.0 * answered503 / Math.max(answered200 + answered503, 1),
        answered429,
        endToEnd.isEmpty() ? Double.NaN : endToEnd.get(endToEnd.size() / 2),
        limitSum / limitSamples);
  }
}

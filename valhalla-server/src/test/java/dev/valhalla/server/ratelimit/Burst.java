package dev.valhalla.server.ratelimit;

import dev.valhalla.server.testing.ApiClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/** Parallel requests on virtual threads, and the assertions every limited response shares. */
final class Burst {

    static final Pattern LIMIT_ITEM = Pattern.compile("\"([a-z0-9_-]+)\";r=(\\d+);t=(\\d+)");

    private Burst() {
    }

    /** Sends {@code count} requests at once, request {@code i} built by {@code call}; returns the responses in order. */
    static List<ApiClient.Response> parallel(int count, IntFunction<ApiClient.Response> call) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static long status(List<ApiClient.Response> responses, int status) {
        return responses.stream().filter(response -> response.status() == status).count();
    }

    /** The {@code r} of the {@code RateLimit} header's item for {@code policy}. */
    static long remaining(ApiClient.Response response, String policy) {
        var matcher = LIMIT_ITEM.matcher(response.header("RateLimit").orElseThrow());
        while (matcher.find()) {
            if (matcher.group(1).equals(policy)) {
                return Long.parseLong(matcher.group(2));
            }
        }
        throw new AssertionError("no RateLimit item for " + policy + " in " + response.header("RateLimit"));
    }

    /** Waits (up to 10 s) until {@code condition} holds. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}

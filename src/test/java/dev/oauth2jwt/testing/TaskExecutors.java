package dev.oauth2jwt.testing;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/** The container's executor for unit tests, as far as the application uses it: {@code execute} only. */
public final class TaskExecutors {

    private TaskExecutors() {
    }

    /** Hands each executed task to {@code runner} (a new thread, a list to run later); any other method fails. */
    public static ManagedExecutorService handingTasksTo(Consumer<Runnable> runner) {
        return (ManagedExecutorService) Proxy.newProxyInstance(TaskExecutors.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    runner.accept((Runnable) arguments[0]);
                    return null;
                });
    }
}

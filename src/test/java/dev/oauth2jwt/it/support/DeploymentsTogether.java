package dev.oauth2jwt.it.support;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Orders the integration test classes so that those deploying the same server follow each other
 * ({@link SharedDeployments} then starts it once): by the class that declares their
 * {@code @Deployment} ({@link DefaultServerTest}, {@link CodeFlowTestBase}, or the test itself),
 * then by name. Set as {@code junit.jupiter.testclass.order.default} in the failsafe configuration.
 */
public class DeploymentsTogether implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((org.junit.jupiter.api.ClassDescriptor descriptor) -> deployingClass(descriptor.getTestClass()).getName())
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    /** The nearest class, up from this one, with a static {@code @Deployment} method; the class itself when none has one. */
    static Class<?> deployingClass(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Deployment.class) && Modifier.isStatic(method.getModifiers())) {
                    return type;
                }
            }
        }
        return testClass;
    }
}

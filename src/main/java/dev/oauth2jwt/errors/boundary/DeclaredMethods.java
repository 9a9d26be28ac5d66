package dev.oauth2jwt.errors.boundary;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP methods the application's resources declare for a path: the {@code Allow} of a 405 or
 * of a refused OPTIONS. Read from the resources' own annotations, because the runtimes disagree:
 * TomEE's CXF lists the methods of every resource class whose path is a prefix (GET, POST, PATCH,
 * DELETE for {@code /token}), FastAPI and the other runtimes those of the path itself.
 */
final class DeclaredMethods {

    /** {@code {name}} or {@code {name: regex}} (a regex without braces of its own). */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::([^{}]*))?}");
    private static volatile List<Route> routes;

    private DeclaredMethods() {
    }

    /** The methods declared for a path relative to the application ({@code users/me/}, with or without a leading slash). */
    static Set<String> of(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(relative).matches()) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = new ArrayList<>();
            for (Bean<?> bean : CDI.current().getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path resource = bean.getBeanClass().getAnnotation(Path.class);
                if (resource != null && bean.getBeanClass().getName().startsWith("dev.oauth2jwt.")) {
                    addRoutes(bean.getBeanClass(), resource.value(), known);
                }
            }
            routes = List.copyOf(known);
        }
        return known;
    }

    private static void addRoutes(Class<?> resource, String classPath, List<Route> into) {
        for (Method method : resource.getMethods()) {
            String httpMethod = httpMethod(method);
            if (httpMethod != null) {
                Path path = method.getAnnotation(Path.class);
                into.add(new Route(regex(join(classPath, path == null ? "" : path.value())), httpMethod));
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return null;
    }

    /** A resource's path and its method's, as JAX-RS joins them, without a leading slash. */
    static String join(String classPath, String methodPath) {
        String type = classPath.startsWith("/") ? classPath.substring(1) : classPath;
        String method = methodPath.startsWith("/") ? methodPath.substring(1) : methodPath;
        if (method.isEmpty()) {
            return type;
        }
        return type.isEmpty() || type.endsWith("/") ? type + method : type + "/" + method;
    }

    /** A path template as a regular expression: {@code {name}} is one segment, {@code {name: regex}} the regex. */
    static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int end = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(end, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).strip()).append(')');
            end = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(end)));
        return Pattern.compile(regex.toString());
    }

    private record Route(Pattern path, String method) {
    }
}
